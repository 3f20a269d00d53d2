// Splitting .json files into records by bracket matching (see reader_json_split.h).
#include "indexer/reader_json_split.h"

#include <nlohmann/json.hpp>

namespace annosearch::reader_detail {
namespace {

using Traits = std::char_traits<char>;
constexpr int kEof = Traits::eof();

bool is_ws(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string describe(int c) {
  if (c == kEof) return "the end of the file";
  if (c >= 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
  return "byte " + std::to_string(c);
}

class Splitter {
 public:
  Splitter(std::istream& in, JsonFileShape shape, const RecordFn& on_record,
           const StructureProblemFn& on_problem)
      : buf_(in.rdbuf()), shape_(shape), on_record_(on_record), on_problem_(on_problem) {}

  void run() {
    if (buf_ == nullptr) return;
    skip_bom();
    skip_ws();
    const int c = peek();
    if (c == kEof) {
      error(1, std::string("empty file: expected ") + expected_top());
      return;
    }
    if (c == '[') {
      get();
      if (split_array()) expect_end();
      return;
    }
    if (shape_ == JsonFileShape::kThemes) {
      if (c != '{') {
        error(line_, std::string("expected ") + expected_top() + ", found " + describe(c));
        return;
      }
      if (split_themes_object()) expect_end();
      return;
    }
    // A single document: one record, whatever it is; its parse reports what is wrong with it.
    const std::size_t start = line_;
    const std::size_t start_column = column_ + 1;
    std::string record;
    const bool complete = collect_value(record);
    on_record_(std::move(record), start, start_column);
    if (complete) expect_end();
  }

 private:
  [[nodiscard]] const char* noun() const {
    return shape_ == JsonFileShape::kThemes ? "theme" : "document";
  }
  [[nodiscard]] const char* expected_top() const {
    return shape_ == JsonFileShape::kThemes ? "{\"themes\": [...]} or an array of themes"
                                            : "a document (a JSON object) or an array of documents";
  }

  int peek() { return buf_->sgetc(); }
  int get() {
    const int c = buf_->sbumpc();
    if (c == '\n') {
      ++line_;
      column_ = 0;
    } else if (c != kEof && (static_cast<unsigned>(c) & 0xC0U) != 0x80U) {
      ++column_;  // code points, as an editor counts columns
    }
    return c;
  }
  void skip_ws() {
    while (is_ws(peek())) get();
  }
  // A UTF-8 byte order mark is allowed at the start, as nlohmann allows it.
  void skip_bom() {
    if (peek() != 0xEF) return;
    get();
    if (peek() == 0xBB) get();
    if (peek() == 0xBF) get();
  }
  void error(std::size_t line, const std::string& message) {
    on_problem_(line, Severity::kError, std::string(), message);
  }

  // Appends the raw text of one JSON value to out. Returns false when the file ends inside it.
  bool collect_value(std::string& out) {
    int c = peek();
    if (c == '{' || c == '[') {
      int depth = 0;
      bool in_string = false;
      bool escaped = false;
      while ((c = get()) != kEof) {
        out.push_back(static_cast<char>(c));
        if (in_string) {
          // A raw newline cannot be inside a JSON string: the string lacks its closing quote.
          // Ending it here keeps the following records readable; the parse reports the error.
          if (c == '\n') {
            in_string = false;
            escaped = false;
          } else if (escaped) {
            escaped = false;
          } else if (c == '\\') {
            escaped = true;
          } else if (c == '"') {
            in_string = false;
          }
          continue;
        }
        if (c == '"') {
          in_string = true;
        } else if (c == '{' || c == '[') {
          ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
          return true;
        }
      }
      return false;
    }
    if (c == '"') {
      out.push_back(static_cast<char>(get()));
      bool escaped = false;
      while ((c = get()) != kEof) {
        out.push_back(static_cast<char>(c));
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          return true;
        }
      }
      return false;
    }
    // A number or a literal (true, false, null), or garbage the caller's parse will reject.
    while ((c = peek()) != kEof && !is_ws(c) && c != ',' && c != ']' && c != '}') {
      out.push_back(static_cast<char>(get()));
    }
    return true;
  }

  // After the opening '['. Returns false after a problem that makes the rest unreadable.
  bool split_array() {
    skip_ws();
    if (peek() == ']') {
      get();
      return true;
    }
    for (;;) {
      skip_ws();
      int c = peek();
      if (c == kEof) {
        error(line_, std::string("unexpected end of file: the array of ") + noun() +
                         "s is not closed with ']'");
        return false;
      }
      if (c == ',' || c == ']') {
        error(line_, std::string("expected a ") + noun() + ", found " + describe(c));
        return false;
      }
      const std::size_t start = line_;
      const std::size_t start_column = column_ + 1;
      std::string record;
      const bool complete = collect_value(record);
      on_record_(std::move(record), start, start_column);
      if (!complete) return false;  // the record's parse reports the truncation
      skip_ws();
      c = get();
      if (c == ',') continue;
      if (c == ']') return true;
      if (c == kEof) {
        error(line_, std::string("unexpected end of file: the array of ") + noun() +
                         "s is not closed with ']'");
      } else {
        error(line_,
              std::string("expected ',' or ']' after a ") + noun() + ", found " + describe(c));
      }
      return false;
    }
  }

  // {"themes": [...]}, other keys warned about and skipped. After peek() == '{'.
  bool split_themes_object() {
    const std::size_t object_line = line_;
    get();
    bool found = false;
    skip_ws();
    if (peek() == '}') {
      get();
    } else {
      for (;;) {
        skip_ws();
        if (peek() != '"') {
          error(line_, "expected a key in double quotes, found " + describe(peek()));
          return false;
        }
        const std::size_t key_line = line_;
        std::string raw_key;
        if (!collect_value(raw_key)) {
          error(line_, "unexpected end of file inside a key");
          return false;
        }
        const auto key = nlohmann::json::parse(raw_key, nullptr, false);
        const std::string name = key.is_string() ? key.get<std::string>() : raw_key;
        skip_ws();
        if (get() != ':') {
          error(line_, "expected ':' after the key \"" + name + "\"");
          return false;
        }
        skip_ws();
        if (name == "themes" && peek() == '[') {
          found = true;
          get();
          if (!split_array()) return false;
        } else {
          std::string skipped;
          if (!collect_value(skipped)) {
            error(line_, "unexpected end of file in the value of \"" + name + "\"");
            return false;
          }
          if (name == "themes") {
            on_problem_(key_line, Severity::kError, name, "must be an array of themes");
            found = true;
          } else {
            on_problem_(key_line, Severity::kWarning, name, "unknown field (ignored)");
          }
        }
        skip_ws();
        const int c = get();
        if (c == '}') break;
        if (c != ',') {
          error(line_, "expected ',' or '}' after a value, found " + describe(c));
          return false;
        }
      }
    }
    if (!found) error(object_line, "no \"themes\" array: expected {\"themes\": [...]}");
    return true;
  }

  // Only whitespace may follow the top-level value.
  void expect_end() {
    skip_ws();
    const int c = peek();
    if (c == kEof) return;
    if (shape_ == JsonFileShape::kDocuments) {
      error(line_,
            "unexpected text after the document: a .json file holds one document or an "
            "array of documents (use .jsonl for one document a line)");
    } else {
      error(line_, "unexpected text after the taxonomy, found " + describe(c));
    }
  }

  std::streambuf* buf_;
  JsonFileShape shape_;
  const RecordFn& on_record_;
  const StructureProblemFn& on_problem_;
  std::size_t line_ = 1;
  std::size_t column_ = 0;  // code points read on the current line
};

}  // namespace

void split_json_records(std::istream& in, JsonFileShape shape, const RecordFn& on_record,
                        const StructureProblemFn& on_problem) {
  Splitter(in, shape, on_record, on_problem).run();
}

}  // namespace annosearch::reader_detail
