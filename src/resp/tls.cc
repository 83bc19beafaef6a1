#include "resp/tls.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <asio/ssl/context.hpp>
#include <filesystem>

#include "base/errors.h"

namespace rrt {

namespace {

// Throws UsageError if `path` (given by `flag`) is not a readable file or directory.
void require_path(const std::string& flag, const std::string& path, bool directory) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  bool ok =
      directory ? std::filesystem::is_directory(status) : std::filesystem::is_regular_file(status);
  if (!ok) {
    throw UsageError(
        fmt::format("{} {}: no such {}", flag, path, directory ? "directory" : "file"));
  }
}

// The reason OpenSSL gives for the last failure, or `fallback`.
std::string openssl_reason(const std::error_code& ec) {
  unsigned long e = ERR_peek_last_error();
  ERR_clear_error();
  if (e) return ERR_reason_error_string(e) ? ERR_reason_error_string(e) : ec.message();
  return ec.message();
}

}  // namespace

void TlsOptions::validate() const {
  if (!cert_file.empty() && key_file.empty()) {
    throw UsageError("--cert " + cert_file + " needs --key (the certificate's private key)");
  }
  if (cert_file.empty() && !key_file.empty()) {
    throw UsageError("--key " + key_file + " needs --cert (the client certificate)");
  }
  if (!enabled) {
    const char* given = !ca_file.empty()     ? "--cacert"
                        : !ca_dir.empty()    ? "--cacertdir"
                        : !cert_file.empty() ? "--cert"
                        : insecure           ? "--insecure"
                        : !sni.empty()       ? "--sni"
                                             : nullptr;
    if (given) {
      throw UsageError(fmt::format(
          "{} is a TLS option: add --tls or use a rediss:// (sentinels://, clusters://) URL",
          given));
    }
  }
  if (insecure && (!ca_file.empty() || !ca_dir.empty())) {
    throw UsageError(
        "--insecure turns certificate verification off: drop --cacert/--cacertdir, "
        "or --insecure");
  }
}

std::string TlsOptions::trust() const {
  if (insecure) return "no verification (--insecure)";
  if (!ca_file.empty()) return "CA " + ca_file;
  if (!ca_dir.empty()) return "CA dir " + ca_dir;
  return "system CAs";
}

TlsContext::TlsContext(const TlsOptions& options)
    : options_(options),
      ctx_(std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client)) {}

TlsContext::~TlsContext() = default;

std::shared_ptr<TlsContext> TlsContext::make(const TlsOptions& o) {
  o.validate();
  std::shared_ptr<TlsContext> t(new TlsContext(o));
  asio::ssl::context& c = *t->ctx_;
  std::error_code ec;
  c.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                asio::ssl::context::no_tlsv1_1);
  c.set_verify_mode(o.insecure ? asio::ssl::verify_none : asio::ssl::verify_peer);
  if (!o.ca_file.empty()) {
    require_path("--cacert", o.ca_file, false);
    c.load_verify_file(o.ca_file, ec);
    if (ec) {
      throw UsageError(fmt::format("--cacert {}: {} (expected PEM certificates)", o.ca_file,
                                   openssl_reason(ec)));
    }
  }
  if (!o.ca_dir.empty()) {
    require_path("--cacertdir", o.ca_dir, true);
    c.add_verify_path(o.ca_dir);
  }
  if (o.ca_file.empty() && o.ca_dir.empty() && !o.insecure) c.set_default_verify_paths(ec);
  if (!o.cert_file.empty()) {
    require_path("--cert", o.cert_file, false);
    require_path("--key", o.key_file, false);
    c.use_certificate_chain_file(o.cert_file, ec);
    if (ec) {
      throw UsageError(fmt::format("--cert {}: {} (expected a PEM certificate)", o.cert_file,
                                   openssl_reason(ec)));
    }
    c.use_private_key_file(o.key_file, asio::ssl::context::pem, ec);
    if (ec || SSL_CTX_check_private_key(c.native_handle()) != 1) {
      throw UsageError(fmt::format("--key {}: {} (expected the PEM private key of --cert {})",
                                   o.key_file, openssl_reason(ec), o.cert_file));
    }
  }
  return t;
}

std::shared_ptr<TlsContext> tls_if_enabled(TlsOptions options, bool url_tls) {
  options.enabled = options.enabled || url_tls;
  options.validate();
  if (!options.enabled) return nullptr;
  return TlsContext::make(options);
}

}  // namespace rrt
