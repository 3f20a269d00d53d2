// The corpus-directory writer and the helpers shared by the importers.
#include "indexer/import_common.h"

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "core/json.h"
#include "indexer/import_brat.h"
#include "indexer/import_reuters.h"
#include "indexer/import_text.h"

namespace annosearch {
namespace {

namespace fs = std::filesystem;

bool is_id_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == ':' || c == '/' || c == '-';
}

// ICU's transliterator is costly to create and not thread-safe: one per thread, made on first use.
std::string to_ascii(std::string_view text) {
  thread_local std::unique_ptr<icu::Transliterator> translit;
  thread_local bool tried = false;
  if (!tried) {
    tried = true;
    UErrorCode status = U_ZERO_ERROR;
    translit.reset(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) translit.reset();
  }
  bool ascii = true;
  for (const char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii || !translit) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  translit->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

void write_file_atomically(const fs::path& path, const std::string& content) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
      throw Error(ErrorKind::kInternal, "cannot write " + tmp.string() +
                                            "; check the disk space and permissions of the output");
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    throw Error(ErrorKind::kInternal,
                "cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message());
  }
}

}  // namespace

const std::vector<std::string>& import_formats() {
  static const std::vector<std::string> kFormats{"reuters21578", "brat", "text"};
  return kFormats;
}

// ---- DiagnosticReporter ----

void DiagnosticReporter::report(const Diagnostic& d) {
  if (d.severity == Severity::kError) {
    ++result_.errors;
  } else {
    ++result_.warnings;
  }
  if (hooks_.on_diagnostic) hooks_.on_diagnostic(d);
}

void DiagnosticReporter::error(const std::string& file, std::size_t line, const std::string& id,
                               const std::string& field, const std::string& message) {
  report(Diagnostic{Severity::kError, file, line, id, field, message});
}

void DiagnosticReporter::warning(const std::string& file, std::size_t line, const std::string& id,
                                 const std::string& field, const std::string& message) {
  report(Diagnostic{Severity::kWarning, file, line, id, field, message});
}

// ---- CorpusWriter ----

CorpusWriter::CorpusWriter(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  if (fs::exists(dir_, ec) && !fs::is_directory(dir_, ec)) {
    throw Error(ErrorKind::kUsage, "the output " + dir_.string() +
                                       " exists and is not a directory; choose another -o DIR");
  }
  fs::create_directories(dir_, ec);
  if (ec) {
    throw Error(ErrorKind::kInternal,
                "cannot create the output directory " + dir_.string() + ": " + ec.message());
  }
  documents_tmp_ = documents_path().string() + ".tmp";
  documents_out_.open(documents_tmp_, std::ios::binary | std::ios::trunc);
  if (!documents_out_) {
    throw Error(ErrorKind::kInternal,
                "cannot write " + documents_tmp_.string() + "; check the output's permissions");
  }
}

CorpusWriter::~CorpusWriter() {
  if (finished_) return;
  documents_out_.close();
  std::error_code ec;
  fs::remove(documents_tmp_, ec);
}

void CorpusWriter::write(const Document& doc) {
  documents_out_ << to_json(doc).dump() << '\n';
  if (!documents_out_) {
    throw Error(ErrorKind::kInternal,
                "cannot write " + documents_tmp_.string() + "; check the disk space of the output");
  }
  ++documents_;
}

void CorpusWriter::finish(const Registry& registry, const Taxonomy& taxonomy) {
  std::string entities;
  for (const auto& [id, entity] : registry.entities()) {
    entities += to_json(entity).dump();
    entities += '\n';
  }
  std::string themes = "{\"themes\": [";
  bool first = true;
  for (const auto& [id, theme] : taxonomy.themes()) {
    themes += first ? "\n  " : ",\n  ";
    themes += to_json(theme).dump();
    first = false;
  }
  themes += first ? "]}\n" : "\n]}\n";
  write_file_atomically(dir_ / "entities.jsonl", entities);
  write_file_atomically(dir_ / "themes.json", themes);
  documents_out_.flush();
  documents_out_.close();
  if (!documents_out_) {
    throw Error(ErrorKind::kInternal,
                "cannot write " + documents_tmp_.string() + "; check the disk space of the output");
  }
  std::error_code ec;
  fs::rename(documents_tmp_, documents_path(), ec);
  if (ec) {
    throw Error(ErrorKind::kInternal,
                "cannot rename " + documents_tmp_.string() + ": " + ec.message());
  }
  finished_ = true;
}

// ---- run_import ----

ImportResult run_import(const std::string& format, const ImportOptions& options,
                        const std::filesystem::path& out_dir, const ImportHooks& hooks) {
  if (format != "text" && format != "brat") {
    if (options.date) {
      throw Error(ErrorKind::kUsage, "--date applies to the text and brat formats only; " + format +
                                         " documents carry their own dates");
    }
  }
  if (format != "brat" && !options.registry_files.empty()) {
    throw Error(ErrorKind::kUsage, "--registry applies to the brat format only");
  }
  if (format == "reuters21578" || format == "brat" || format == "text") {
    CorpusWriter writer(out_dir);
    if (format == "reuters21578") return import_reuters(options, writer, hooks);
    if (format == "brat") return import_brat(options, writer, hooks);
    return import_text(options, writer, hooks);
  }
  throw Error(ErrorKind::kUsage,
              "unknown import format '" + format + "'; use reuters21578, brat or text");
}

// ---- helpers ----

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::optional<std::string> read_file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string latin1_to_utf8(std::string_view latin1) {
  std::string out;
  out.reserve(latin1.size());
  for (const char c : latin1) append_utf8(out, static_cast<unsigned char>(c));
  return out;
}

std::string repair_utf8(std::string_view bytes, std::size_t* replaced) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t bad = 0;
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const std::size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len > 0 && i + len <= bytes.size() && is_valid_utf8(std::string(bytes.substr(i, len)))) {
      out.append(bytes.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++bad;
      ++i;
    }
  }
  if (replaced != nullptr) *replaced = bad;
  return out;
}

bool is_valid_id(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return is_id_char(static_cast<unsigned char>(c)); });
}

std::string sanitize_id(std::string_view text) {
  const std::string ascii = to_ascii(text);
  std::string out;
  for (const char c : ascii) {
    if (is_id_char(static_cast<unsigned char>(c))) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  const std::size_t start = out.find_first_not_of('-');
  return start == std::string::npos ? std::string() : out.substr(start);
}

std::string slugify(std::string_view text) {
  const std::string ascii = to_ascii(text);
  std::string out;
  for (const char ch : ascii) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == '\'') {
      // "O'Kennedy" -> "okennedy", as slugs usually do
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  std::size_t b = 0;
  std::size_t e = text.size();
  while (b < e && is_space(text[b])) ++b;
  while (e > b && is_space(text[e - 1])) --e;
  return text.substr(b, e - b);
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::filesystem::path> expand_inputs(
    const std::vector<std::string>& inputs,
    const std::function<bool(const std::filesystem::path&)>& accept, bool recursive,
    DiagnosticReporter& reporter) {
  std::vector<fs::path> files;
  for (const auto& input : inputs) {
    std::error_code ec;
    const fs::path p(input);
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      const auto add = [&](const fs::directory_entry& e) {
        std::error_code ec2;
        if (e.is_regular_file(ec2) && accept(e.path())) found.push_back(e.path());
      };
      if (recursive) {
        for (const auto& e : fs::recursive_directory_iterator(p, ec)) add(e);
      } else {
        for (const auto& e : fs::directory_iterator(p, ec)) add(e);
      }
      if (ec) reporter.error(input, 0, "", "", "cannot list the directory: " + ec.message());
      std::sort(found.begin(), found.end());
      if (found.empty()) reporter.warning(input, 0, "", "", "no input files in this directory");
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(p, ec)) {
      files.push_back(p);
    } else {
      reporter.error(input, 0, "", "", "no such file or directory");
    }
  }
  return files;
}

Registry load_registry_files(const std::vector<std::string>& files, DiagnosticReporter& reporter) {
  Registry registry;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      reporter.error(file, 0, "", "", "cannot read the registry file");
      continue;
    }
    std::string line;
    std::size_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (trim(line).empty()) continue;
      try {
        registry.put(entity_from_json(nlohmann::json::parse(line)));
      } catch (const nlohmann::json::exception& e) {
        reporter.error(file, n, "", "", std::string("not a JSON entity: ") + e.what());
      } catch (const Error& e) {
        reporter.error(file, n, "", "", e.what());
      }
    }
  }
  return registry;
}

}  // namespace annosearch
