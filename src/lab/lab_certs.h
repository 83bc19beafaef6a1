// The certificates of a TLS lab (`rrt lab up ... --tls`), made in-process with libcrypto: a
// self-signed lab CA, one node certificate every redis-server and redis-sentinel of the lab
// presents (and uses as client certificate for replication, Sentinel and the cluster bus), and
// a client certificate for rrt and redis-cli. The same layout as Redis's own
// utils/gen-test-certs.sh (ca.crt, redis.crt, client.crt). Keys are EC P-256 (fast to make).
//
// libcrypto rather than the openssl CLI: rrt links OpenSSL for its client anyway, so a lab needs
// no other binary, makes its keys without spawning processes, and reports a failure in-process.
#pragma once

#include <string>
#include <vector>

#include "resp/tls.h"

namespace rrt {

struct LabCerts {
  std::string dir;
  std::string ca_cert() const { return dir + "/ca.crt"; }
  std::string node_cert() const { return dir + "/redis.crt"; }
  std::string node_key() const { return dir + "/redis.key"; }
  std::string client_cert() const { return dir + "/client.crt"; }
  std::string client_key() const { return dir + "/client.key"; }
  // What a client of the lab uses: --tls --cacert ca.crt --cert client.crt --key client.key.
  TlsOptions client_options() const;
};

// Creates `dir` and writes a new CA, node and client certificate into it (valid 10 days; keys
// mode 0600). `hosts` go into the node certificate's subjectAltName (IP addresses or names;
// 127.0.0.1 and localhost are always there). Throws EnvironmentError naming the file or the
// OpenSSL step that failed.
LabCerts write_lab_certs(const std::string& dir, const std::vector<std::string>& hosts = {});

}  // namespace rrt
