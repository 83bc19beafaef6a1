#include "check/edn_history.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "base/errors.h"
#include "check/edn_op_scanner.h"
#include "check/edn_reader.h"

namespace rrt {

namespace {

[[noreturn]] void bad(const EdnReader& reader, const Edn& at, const std::string& what) {
  reader.fail_at(at.line, at.column, what);
}

// Names are keywords, symbols or strings.
bool name_of(const Edn& e, std::string* out) {
  if (e.kind != Edn::Kind::kKeyword && e.kind != Edn::Kind::kSymbol &&
      e.kind != Edn::Kind::kString) {
    return false;
  }
  *out = e.text;
  return true;
}

Value to_value(const EdnReader& reader, const Edn& e) {
  switch (e.kind) {
    case Edn::Kind::kNil:
      return Value::nil();
    case Edn::Kind::kInt:
      return Value::of(e.integer);
    case Edn::Kind::kBool:
      return Value::of(std::string(e.boolean ? "true" : "false"));
    case Edn::Kind::kString:
    case Edn::Kind::kKeyword:
    case Edn::Kind::kSymbol:
      return Value::of(e.text);
    case Edn::Kind::kVector:
    case Edn::Kind::kList:
    case Edn::Kind::kSet: {
      std::vector<Value> items;
      for (const Edn& item : e.items) items.push_back(to_value(reader, item));
      return Value::list(std::move(items));
    }
    case Edn::Kind::kFloat:
    case Edn::Kind::kMap:
      break;
  }
  bad(reader, e,
      fmt::format("expected a value of nil, an integer, a string, a keyword or a vector, found {}",
                  edn_to_string(e)));
}

// Text of a scalar (keys, errors, nodes): strings and names as is, others printed.
std::string to_text(const Edn& e) {
  std::string name;
  if (name_of(e, &name)) return name;
  return edn_to_string(e);
}

// Fills `op` from one op map; returns false for an op to skip (the nemesis's).
bool to_op(const EdnReader& reader, const Edn& map, int64_t position, Op* op) {
  if (map.kind != Edn::Kind::kMap) {
    bad(reader, map,
        fmt::format("expected an op map {{:process .. :type ..}}, found {}", edn_to_string(map)));
  }
  const Edn* process = map.get("process");
  if (!process) bad(reader, map, "expected :process in this op map");
  if (process->is_keyword("nemesis")) return false;
  if (process->kind != Edn::Kind::kInt) {
    bad(reader, *process,
        fmt::format("expected :process to be an integer or :nemesis, found {}",
                    edn_to_string(*process)));
  }
  *op = Op{};
  op->process = process->integer;
  const Edn* type = map.get("type");
  std::string text;
  if (!type || !name_of(*type, &text) || !parse_op_type(text, &op->type)) {
    bad(reader, type ? *type : map, "expected :type to be one of :invoke, :ok, :fail, :info");
  }
  const Edn* f = map.get("f");
  if (!f || !name_of(*f, &op->f)) bad(reader, f ? *f : map, "expected :f to be a keyword");
  if (const Edn* v = map.get("value")) op->value = to_value(reader, *v);
  op->index = position;
  for (const char* field : {"time", "index"}) {
    const Edn* n = map.get(field);
    if (!n) continue;
    if (n->kind != Edn::Kind::kInt) {
      bad(reader, *n,
          fmt::format("expected :{} to be an integer, found {}", field, edn_to_string(*n)));
    }
    (field[0] == 't' ? op->time : op->index) = n->integer;
  }
  if (const Edn* key = map.get("key")) op->key = to_text(*key);
  if (const Edn* error = map.get("error"); error && error->kind != Edn::Kind::kNil) {
    op->error = to_text(*error);
  }
  if (const Edn* node = map.get("node"); node && node->kind != Edn::Kind::kNil) {
    op->node = to_text(*node);
  }
  return true;
}

// Reads the next op map: the usual shape straight into an Op (edn_op_scanner.h), anything else
// through an Edn tree.
void add_op(EdnReader& reader, History* history) {
  Op op;
  op.index = static_cast<int64_t>(history->size());
  if (size_t n = scan_edn_op(reader.rest(), &op)) {
    reader.skip(n);
    history->push_back(std::move(op));
  } else if (to_op(reader, reader.read(), static_cast<int64_t>(history->size()), &op)) {
    history->push_back(std::move(op));
  }
}

// Ops are a line each, mostly: how many to make room for.
size_t lines(std::string_view text) {
  size_t n = 1;
  for (const char *p = text.data(), *end = p + text.size(), *nl;
       (nl = static_cast<const char*>(std::memchr(p, '\n', end - p))); p = nl + 1) {
    ++n;
  }
  return n;
}

}  // namespace

History parse_edn_history(std::string_view text, const std::string& source) {
  EdnReader reader(text, source);
  History history;
  history.reserve(lines(text));
  char open = reader.peek_char();
  if (open == '[' || open == '(') {  // one vector of ops, read one op at a time
    char close = open == '[' ? ']' : ')';
    int line = reader.line(), column = reader.column();
    reader.consume();
    for (char c; (c = reader.peek_char()) != close;) {
      if (c == '\0' || c == ']' || c == ')' || c == '}') {
        reader.fail(
            fmt::format("expected an op map or '{}' to close the history opened at {}:{}, "
                        "found {}",
                        close, line, column, reader.found()));
      }
      add_op(reader, &history);
    }
    reader.consume();
    if (!reader.at_end()) reader.fail("expected end of input after the history vector");
    return history;
  }
  while (!reader.at_end()) add_op(reader, &history);
  return history;
}

// The file's bytes, mapped rather than copied: a long history is hundreds of MB, and copying it
// (and zeroing the copy first) cost as much as parsing it.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) {
      if (fd >= 0) ::close(fd);
      throw EnvironmentError(fmt::format("cannot read history file {}", path));
    }
    size_ = static_cast<size_t>(st.st_size);
    void* p = size_ ? ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0) : nullptr;
    ::close(fd);
    if (p == MAP_FAILED) throw EnvironmentError(fmt::format("cannot read history file {}", path));
    data_ = static_cast<const char*>(p);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view text() const { return {data_ ? data_ : "", size_}; }

 private:
  const char* data_ = nullptr;
  size_t size_ = 0;
};

History read_edn_history(const std::string& path) {
  MappedFile file(path);
  return parse_edn_history(file.text(), path);
}

namespace {

void write_edn_string(const std::string& text, std::string* out) {
  *out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') *out += '\\';
    if (c == '\n') {
      *out += "\\n";
      continue;
    }
    *out += c;
  }
  *out += '"';
}

void write_edn_value(const Value& value, std::string* out) {
  switch (value.kind) {
    case Value::Kind::kNil:
      *out += "nil";
      return;
    case Value::Kind::kInt:
      *out += std::to_string(value.integer);
      return;
    case Value::Kind::kString:
      write_edn_string(value.text, out);
      return;
    case Value::Kind::kList:
      *out += '[';
      for (size_t i = 0; i < value.items.size(); ++i) {
        if (i) *out += ' ';
        write_edn_value(value.items[i], out);
      }
      *out += ']';
      return;
  }
}

}  // namespace

void write_edn_history(const History& history, std::ostream& out) {
  std::string line;
  for (const Op& op : history) {
    line = fmt::format("{{:process {}, :type :{}, :f :{}", op.process, op_type_name(op.type), op.f);
    for (auto [name, text] :
         {std::pair{", :key ", &op.key}, {", :error ", &op.error}, {", :node ", &op.node}}) {
      if (text->empty()) continue;
      line += name;
      write_edn_string(*text, &line);
    }
    line += ", :value ";
    write_edn_value(op.value, &line);
    line += fmt::format(", :time {}}}\n", op.time);
    out << line;
  }
}

}  // namespace rrt
