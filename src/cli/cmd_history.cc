// `rrt history convert IN OUT [--to jsonl|compact]`: rewrites a history in the other form
// (docs/history.md): JSON Lines to the compact form or back. IN may be either (told apart by its
// magic bytes); the records come out in time order, every field kept.
#include <fmt/format.h>

#include <filesystem>

#include "base/errors.h"
#include "cli/command.h"
#include "cli/output.h"
#include "history/history_reader.h"
#include "history/history_writer.h"

namespace rrt {

namespace {

struct ConvertFlags {
  std::string in;
  std::string out;
  std::string to;  // empty: the form IN is not in
  OutputOptions output;
};

bool is_compact_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw EnvironmentError(fmt::format("cannot read history file {}", path));
  char head[kCompactMagic.size()] = {};
  size_t n = std::fread(head, 1, sizeof head, f);
  std::fclose(f);
  return is_compact_history(std::string_view(head, n));
}

void convert(const ConvertFlags& flags, CliContext& ctx) {
  bool from_compact = is_compact_file(flags.in);
  HistoryEncoding to = flags.to.empty()
                           ? (from_compact ? HistoryEncoding::kJsonl : HistoryEncoding::kCompact)
                           : parse_history_encoding(flags.to);
  if (std::filesystem::exists(flags.out) && std::filesystem::equivalent(flags.in, flags.out)) {
    throw UsageError(fmt::format("history convert: {} is both IN and OUT", flags.in));
  }
  History history = read_history(flags.in);
  size_t bytes = 0;
  {
    HistoryWriter writer(flags.out, to);
    HistoryWriter::Buffer buffer(&writer);
    for (const Op& op : history) buffer.record(op);
    buffer.flush();
    bytes = writer.bytes_written();
  }
  uint64_t in_bytes = std::filesystem::file_size(flags.in);
  size_t ops = 0;
  for (const Op& op : history) ops += op.type == OpType::kInvoke;
  nlohmann::json result = {{"in", flags.in},
                           {"in_format", from_compact ? "compact" : "jsonl"},
                           {"in_bytes", in_bytes},
                           {"out", flags.out},
                           {"out_format", history_encoding_name(to)},
                           {"out_bytes", bytes},
                           {"records", history.size()},
                           {"operations", ops}};
  std::string text = fmt::format(
      "{} ({}, {} bytes) -> {} ({}, {} bytes): {} records, {:.1f} -> {:.1f} bytes/op", flags.in,
      from_compact ? "compact" : "jsonl", in_bytes, flags.out, history_encoding_name(to), bytes,
      history.size(), ops ? static_cast<double>(in_bytes) / ops : 0.0,
      ops ? static_cast<double>(bytes) / ops : 0.0);
  print_object(result, flags.output, text);
  ctx.exit_code = kExitOk;
}

}  // namespace

void add_history_command(CLI::App& root, CliContext& ctx) {
  auto* cmd = root.add_subcommand("history", "Work with history files");
  cmd->require_subcommand(1);
  auto* conv = cmd->add_subcommand(
      "convert", "Rewrite a history as JSON Lines or in the compact form (docs/history.md)");
  auto f = std::make_shared<ConvertFlags>();
  conv->add_option("in", f->in, "History to read (either form)")->required();
  conv->add_option("out", f->out, "File to write")->required();
  conv->add_option("--to", f->to, "jsonl | compact (default: the form IN is not in)");
  add_output_flags(conv, &f->output);
  conv->callback([f, &ctx] { convert(*f, ctx); });
}

}  // namespace rrt
