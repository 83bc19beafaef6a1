#include "lab/lab_certs.h"

#include <fmt/format.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "base/errors.h"

namespace rrt {

namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

void check(bool ok, const std::string& step) {
  if (ok) return;
  unsigned long e = ERR_get_error();
  ERR_clear_error();
  throw EnvironmentError(fmt::format("making the lab's TLS certificates: {} failed: {}", step,
                                     e ? ERR_reason_error_string(e) : "unknown OpenSSL error"));
}

Key new_key() {
  Key key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  check(key != nullptr, "EC key generation");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  check(ext != nullptr, "certificate extension " + value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// A certificate for `key` named `cn`, signed by `issuer_key` (self-signed when `issuer` is null).
Cert make_cert(const std::string& cn, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key,
               long serial) {
  Cert cert(X509_new(), X509_free);
  check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("rrt lab"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
  return cert;
}

void sign(X509* cert, EVP_PKEY* key) {
  check(X509_sign(cert, key, EVP_sha256()) > 0, "signing");
}

template <typename Write>
void write_pem(const std::string& path, mode_t mode, Write write) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) throw EnvironmentError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  ::chmod(path.c_str(), mode);
  bool ok = write(f);
  std::fclose(f);
  check(ok, "writing " + path);
}

void write_key(const std::string& path, EVP_PKEY* key) {
  write_pem(path, 0600, [&](FILE* f) {
    return PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
  });
}

void write_cert(const std::string& path, X509* cert) {
  write_pem(path, 0644, [&](FILE* f) { return PEM_write_X509(f, cert) == 1; });
}

bool is_ip(const std::string& host) {
  return host.find_first_not_of("0123456789.") == std::string::npos ||
         host.find(':') != std::string::npos;
}

}  // namespace

TlsOptions LabCerts::client_options() const {
  TlsOptions o;
  o.enabled = true;
  o.ca_file = ca_cert();
  o.cert_file = client_cert();
  o.key_file = client_key();
  return o;
}

LabCerts write_lab_certs(const std::string& dir, const std::vector<std::string>& hosts) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw EnvironmentError(fmt::format("cannot create {}: {}", dir, ec.message()));
  LabCerts out{dir};
  Key ca_key = new_key();
  Cert ca = make_cert("rrt lab CA", ca_key.get(), nullptr, nullptr, 1);
  add_extension(ca.get(), ca.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(ca.get(), ca.get(), NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(ca.get(), ca.get(), NID_subject_key_identifier, "hash");
  sign(ca.get(), ca_key.get());

  std::string san = "IP:127.0.0.1,DNS:localhost";
  for (const auto& h : hosts) {
    if (h != "127.0.0.1" && h != "localhost") san += (is_ip(h) ? ",IP:" : ",DNS:") + h;
  }
  Key node_key = new_key();
  Cert node = make_cert("rrt lab node", node_key.get(), ca.get(), ca_key.get(), 2);
  add_extension(node.get(), ca.get(), NID_basic_constraints, "CA:FALSE");
  add_extension(node.get(), ca.get(), NID_ext_key_usage, "serverAuth,clientAuth");
  add_extension(node.get(), ca.get(), NID_subject_alt_name, san);
  sign(node.get(), ca_key.get());

  Key client_key = new_key();
  Cert client = make_cert("rrt client", client_key.get(), ca.get(), ca_key.get(), 3);
  add_extension(client.get(), ca.get(), NID_basic_constraints, "CA:FALSE");
  add_extension(client.get(), ca.get(), NID_ext_key_usage, "clientAuth");
  sign(client.get(), ca_key.get());

  write_cert(out.ca_cert(), ca.get());
  write_key(dir + "/ca.key", ca_key.get());
  write_cert(out.node_cert(), node.get());
  write_key(out.node_key(), node_key.get());
  write_cert(out.client_cert(), client.get());
  write_key(out.client_key(), client_key.get());
  return out;
}

}  // namespace rrt
