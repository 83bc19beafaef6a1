// The folder layers of docs/architecture.md hold in src/: every `#include "folder/file.h"`
// names a folder of a strictly lower layer (or its own), and every folder has a layer. The
// table is read from the document itself, so the map and the check cannot drift apart.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace rrt {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// folder -> layer, from the rows "| 3 | topo/ | ... |" of a markdown table.
std::map<std::string, int> read_layer_table(std::istream& markdown) {
  static const std::regex kRow(R"(^\|\s*(\d+)\s*\|\s*([a-z0-9_]+)/\s*\|)");
  std::map<std::string, int> layers;
  std::smatch m;
  for (std::string line; std::getline(markdown, line);) {
    if (std::regex_search(line, m, kRow)) layers[m[2]] = std::stoi(m[1]);
  }
  return layers;
}

struct Include {
  std::string file;  // as "src/scenario/scenario_loader.cc"
  int line = 0;
  std::string folder;  // of the file
  std::string target;  // as "fault/fault_registry.h"
};

// Every `#include "folder/..."` of the files under `src`.
std::vector<Include> scan_includes(const fs::path& src) {
  static const std::regex kInclude(R"re(^\s*#\s*include\s*"(([^"/]+)/[^"]+)")re");
  std::vector<Include> out;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file()) continue;
    fs::path rel = fs::relative(entry.path(), src);
    std::ifstream in(entry.path());
    int n = 0;
    std::smatch m;
    for (std::string line; std::getline(in, line);) {
      ++n;
      if (std::regex_search(line, m, kInclude)) {
        out.push_back({"src/" + rel.string(), n, rel.begin()->string(), m[1]});
      }
    }
  }
  return out;
}

// One message per broken rule: a folder missing from the table, an include of a folder of the
// same or a higher layer (or of a folder the table does not know).
std::vector<std::string> layer_violations(const std::map<std::string, int>& layers,
                                          const std::vector<std::string>& folders,
                                          const std::vector<Include>& includes) {
  std::vector<std::string> out;
  for (const auto& folder : folders) {
    if (!layers.count(folder)) {
      out.push_back("src/" + folder + "/ has no layer in docs/architecture.md's table");
    }
  }
  for (const Include& inc : includes) {
    std::string to = inc.target.substr(0, inc.target.find('/'));
    if (to == inc.folder || !layers.count(inc.folder)) continue;
    auto target = layers.find(to);
    if (target != layers.end() && target->second < layers.at(inc.folder)) continue;
    std::ostringstream msg;
    msg << inc.file << ":" << inc.line << ": #include \"" << inc.target << "\": " << inc.folder
        << "/ (layer " << layers.at(inc.folder) << ") may include only lower layers; " << to
        << "/ is ";
    if (target == layers.end()) {
      msg << "not in the table";
    } else {
      msg << "layer " << target->second;
    }
    out.push_back(msg.str());
  }
  return out;
}

std::vector<std::string> folders_of(const fs::path& src) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(src)) {
    if (entry.is_directory()) out.push_back(entry.path().filename().string());
  }
  return out;
}

TEST(Architecture, SourceFoldersFollowTheLayerTable) {
  fs::path root = RRT_SOURCE_DIR;
  std::ifstream doc(root / "docs" / "architecture.md");
  ASSERT_TRUE(doc) << "cannot read " << (root / "docs" / "architecture.md");
  std::map<std::string, int> layers = read_layer_table(doc);
  ASSERT_GE(layers.size(), 19u) << "the layer table of docs/architecture.md was not read";
  EXPECT_EQ(layers.at("base"), 0);
  EXPECT_EQ(layers.at("cli"), 13);

  std::vector<Include> includes = scan_includes(root / "src");
  ASSERT_GT(includes.size(), 500u) << "too few includes found under " << (root / "src");
  std::vector<std::string> broken = layer_violations(layers, folders_of(root / "src"), includes);
  std::string all;
  for (const auto& b : broken) all += b + "\n";
  EXPECT_THAT(broken, IsEmpty()) << all;
}

// The check itself fails on each kind of mistake, shown on a made-up table and tree.
TEST(Architecture, NamesUpwardSameLayerUnknownAndMissingFolders) {
  std::istringstream doc(
      "| layer | folder | holds |\n"
      "| --- | --- | --- |\n"
      "| 0 | base/ | clock |\n"
      "| 1 | resp/ | RESP |\n"
      "| 2 | check/ | checkers |\n"
      "| 2 | report/ | reports |\n");
  std::map<std::string, int> layers = read_layer_table(doc);
  ASSERT_EQ(layers.size(), 4u);
  std::vector<Include> includes = {
      {"src/resp/a.cc", 3, "resp", "base/clock.h"},     // lower: fine
      {"src/resp/a.cc", 4, "resp", "resp/reply.h"},     // itself: fine
      {"src/base/b.h", 7, "base", "resp/reply.h"},      // upward
      {"src/check/c.cc", 9, "check", "report/html.h"},  // same layer
      {"src/check/c.cc", 10, "check", "asio/x.hpp"},    // a folder with no layer
      {"src/extra/d.cc", 1, "extra", "resp/reply.h"},   // reported once, as a missing folder
  };
  EXPECT_THAT(
      layer_violations(layers, {"base", "resp", "check", "report", "extra"}, includes),
      ElementsAre(
          "src/extra/ has no layer in docs/architecture.md's table",
          "src/base/b.h:7: #include \"resp/reply.h\": base/ (layer 0) may include only lower "
          "layers; resp/ is layer 1",
          "src/check/c.cc:9: #include \"report/html.h\": check/ (layer 2) may include only lower "
          "layers; report/ is layer 2",
          "src/check/c.cc:10: #include \"asio/x.hpp\": check/ (layer 2) may include only lower "
          "layers; asio/ is not in the table"));
}

}  // namespace
}  // namespace rrt
