#include "cli/tls_flags.h"

namespace rrt {

void add_tls_flags(CLI::App* c, TlsOptions* o) {
  c->add_flag("--tls", o->enabled, "Connect with TLS (as a rediss:// URL does)");
  c->add_option("--cacert", o->ca_file, "CA certificate file (PEM) to verify the server with");
  c->add_option("--cacertdir", o->ca_dir, "Directory of CA certificates to verify the server with");
  c->add_option("--cert", o->cert_file, "Client certificate (PEM), with --key");
  c->add_option("--key", o->key_file, "Private key (PEM) of --cert");
  c->add_flag("--insecure", o->insecure, "Do not verify the server's certificate");
  c->add_option("--sni", o->sni, "Server name to send in the TLS handshake");
}

bool tls_flags_given(const TlsOptions& o) {
  return o.enabled || !o.ca_file.empty() || !o.ca_dir.empty() || !o.cert_file.empty() ||
         !o.key_file.empty() || o.insecure || !o.sni.empty();
}

}  // namespace rrt
