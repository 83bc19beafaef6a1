// Asio's implementation, compiled once for the whole program (ASIO_SEPARATE_COMPILATION), with
// its OpenSSL layer (resp/tls.h).
#include <asio/impl/src.hpp>
#include <asio/ssl/impl/src.hpp>
