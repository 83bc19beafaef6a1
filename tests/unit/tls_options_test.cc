// TLS settings: which combinations of flags are usage errors (as redis-cli names the flags),
// and what TlsContext says about files that are missing, not PEM, or do not match. Certificates
// come from the lab's generator (lab/lab_certs.h).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "base/errors.h"
#include "lab/lab_certs.h"
#include "resp/tls.h"

namespace rrt {
namespace {

using ::testing::HasSubstr;

std::string error_of(const TlsOptions& o) {
  try {
    TlsContext::make(o);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

class TlsOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/rrt-tls-options-" + std::to_string(getpid());
    certs_ = write_lab_certs(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
  LabCerts certs_;
};

TEST(TlsOptions, CertWithoutKeyAndTheReverse) {
  TlsOptions o;
  o.enabled = true;
  o.cert_file = "/x/client.crt";
  EXPECT_THAT(error_of(o), HasSubstr("--cert /x/client.crt needs --key"));
  o.cert_file.clear();
  o.key_file = "/x/client.key";
  EXPECT_THAT(error_of(o), HasSubstr("--key /x/client.key needs --cert"));
}

TEST(TlsOptions, TlsFlagsWithoutTlsAreAUsageError) {
  TlsOptions o;
  o.ca_file = "/x/ca.crt";
  EXPECT_THAT(error_of(o), HasSubstr("--cacert is a TLS option: add --tls or use a rediss://"));
  EXPECT_EQ(tls_if_enabled(TlsOptions{}, false), nullptr);
  EXPECT_THROW(tls_if_enabled(o, false), UsageError);
  TlsOptions insecure;
  insecure.insecure = true;
  EXPECT_THAT(error_of(insecure), HasSubstr("--insecure is a TLS option"));
}

TEST(TlsOptions, InsecureWithACaContradicts) {
  TlsOptions o;
  o.enabled = true;
  o.insecure = true;
  o.ca_file = "/x/ca.crt";
  EXPECT_THAT(error_of(o), HasSubstr("--insecure turns certificate verification off"));
  EXPECT_EQ(o.trust(), "no verification (--insecure)");
}

TEST(TlsOptions, MissingFilesAreNamed) {
  TlsOptions o;
  o.enabled = true;
  o.ca_file = "/nonexistent/ca.crt";
  EXPECT_THAT(error_of(o), HasSubstr("--cacert /nonexistent/ca.crt: no such file"));
}

TEST_F(TlsOptionsTest, LabCertificatesMakeAContext) {
  TlsOptions o = certs_.client_options();
  auto ctx = tls_if_enabled(o, false);
  ASSERT_NE(ctx, nullptr);
  EXPECT_EQ(ctx->options().ca_file, certs_.ca_cert());
  EXPECT_EQ(o.trust(), "CA " + certs_.ca_cert());
  // A rediss:// URL alone turns TLS on.
  TlsOptions url_only;
  url_only.ca_file = certs_.ca_cert();
  EXPECT_NE(tls_if_enabled(url_only, true), nullptr);
  EXPECT_EQ(std::filesystem::status(certs_.client_key()).permissions() &
                std::filesystem::perms::others_read,
            std::filesystem::perms::none);
}

TEST_F(TlsOptionsTest, NotPemAndMismatchedKeyAreNamed) {
  std::string junk = dir_ + "/junk.crt";
  std::ofstream(junk) << "not a certificate\n";
  TlsOptions o;
  o.enabled = true;
  o.ca_file = junk;
  EXPECT_THAT(error_of(o), HasSubstr("--cacert " + junk));
  EXPECT_THAT(error_of(o), HasSubstr("expected PEM certificates"));
  TlsOptions mismatch = certs_.client_options();
  mismatch.key_file = certs_.node_key();  // the node's key, not the client certificate's
  EXPECT_THAT(error_of(mismatch), HasSubstr("expected the PEM private key of --cert"));
}

}  // namespace
}  // namespace rrt
