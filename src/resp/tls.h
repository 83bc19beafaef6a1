// TLS for client connections, with the settings named as redis-cli names them (--tls, --cacert,
// --cacertdir, --cert, --key, --insecure, --sni). A TlsContext is built once from the options
// (reading the CA and the client certificate) and shared by every connection that uses it
// (ConnectOptions::tls); OpenSSL allows that from several threads.
//
// Verification is redis-cli's: the server's chain must lead to the CA (--cacert, --cacertdir,
// else the system's CAs), unless --insecure; the host name is not compared with the
// certificate, so a node reached by IP (a lab, a netns host) verifies as well.
#pragma once

#include <memory>
#include <string>

namespace asio::ssl {
class context;
}

namespace rrt {

struct TlsOptions {
  bool enabled = false;   // --tls, or a rediss:// / sentinels:// / clusters:// URL
  std::string ca_file;    // --cacert: PEM CA bundle
  std::string ca_dir;     // --cacertdir: a c_rehash'ed directory of CAs
  std::string cert_file;  // --cert: client certificate (PEM), with key_file
  std::string key_file;   // --key: its private key (PEM)
  bool insecure = false;  // --insecure: do not verify the server's certificate
  std::string sni;        // --sni: server name sent in the handshake; empty: none

  // Throws UsageError for settings that do not fit together: --cert without --key (or the
  // reverse), a file option or --insecure without TLS enabled, --insecure with a CA.
  void validate() const;
  // "CA /path", "CA dir /path", "system CAs" or "no verification (--insecure)": for messages.
  std::string trust() const;
};

class TlsContext {
 public:
  // Validates `options` and reads its files. Throws UsageError naming the file and what is wrong
  // with it (missing, not PEM, key not matching the certificate).
  static std::shared_ptr<TlsContext> make(const TlsOptions& options);
  ~TlsContext();

  asio::ssl::context& native() { return *ctx_; }
  const TlsOptions& options() const { return options_; }

 private:
  explicit TlsContext(const TlsOptions& options);
  TlsOptions options_;
  std::unique_ptr<asio::ssl::context> ctx_;
};

// The context a command uses: TLS when `options.enabled` (--tls) or `url_tls` (a rediss:// URL),
// else null (plain TCP). Throws UsageError as TlsContext::make and TlsOptions::validate do.
std::shared_ptr<TlsContext> tls_if_enabled(TlsOptions options, bool url_tls);

}  // namespace rrt
