// Reading corpus input: resolving files and directories, loading the registry and the taxonomy,
// and streaming documents through the format rules (indexer/reader_rules.h).
#include "indexer/reader.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unordered_map>
#include <utility>

#include "indexer/id_table.h"
#include "indexer/reader_json_split.h"
#include "indexer/reader_rules.h"

namespace annosearch {
namespace {

namespace fs = std::filesystem;
using reader_detail::JsonFileShape;
using reader_detail::RecordSink;
using reader_detail::RecordUnit;

constexpr const char* kRegistryName = "entities.jsonl";
constexpr const char* kTaxonomyName = "themes.json";

// Diagnostic::file is empty for standard input.
std::string diagnostic_file(const std::string& path) { return path == "-" ? std::string() : path; }

void file_error(Diagnostics& diagnostics, const std::string& file, const std::string& message) {
  diagnostics.add({Severity::kError, diagnostic_file(file), 0, "", "", message});
}

bool is_json_lines(const std::string& path) {
  return path == "-" || fs::path(path).extension() != ".json";
}

bool is_corpus_file_name(const fs::path& p) {
  const auto ext = p.extension();
  return ext == ".jsonl" || ext == ".json";
}

bool is_blank(const std::string& line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// Calls fn(line_text, line_number) for each non-blank line of a JSON Lines file, or of standard
// input for "-". Returns false (after an error diagnostic) when the file cannot be read.
template <typename Fn>
bool for_each_line(const std::string& path, Diagnostics& diagnostics, Fn&& fn) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    if (fs::is_directory(path)) {
      file_error(diagnostics, path, "is a directory, not a file");
      return false;
    }
    file.open(path, std::ios::binary);
    if (!file) {
      file_error(diagnostics, path, std::string("cannot open: ") + std::strerror(errno));
      return false;
    }
    in = &file;
  }
  std::string line;
  std::size_t number = 0;
  while (std::getline(*in, line)) {
    ++number;
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (is_blank(line)) continue;
    if (!fn(std::move(line), number)) break;
    line.clear();
  }
  if (in->bad()) {
    file_error(diagnostics, path, std::string("read error: ") + std::strerror(errno));
    return false;
  }
  return true;
}

// Calls fn(record_text, start_line) for each record of a .json file.
template <typename Fn>
bool for_each_json_record(const std::string& path, JsonFileShape shape, Diagnostics& diagnostics,
                          bool* structure_error, Fn&& fn) {
  if (fs::is_directory(path)) {
    file_error(diagnostics, path, "is a directory, not a file");
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    file_error(diagnostics, path, std::string("cannot open: ") + std::strerror(errno));
    return false;
  }
  reader_detail::split_json_records(
      in, shape,
      [&](std::string&& text, std::size_t line, std::size_t column) {
        fn(std::move(text), line, column);
      },
      [&](std::size_t line, Severity severity, const std::string& field,
          const std::string& message) {
        if (severity == Severity::kError && structure_error != nullptr) *structure_error = true;
        diagnostics.add({severity, diagnostic_file(path), line, "", field, message});
      });
  return true;
}

// Collects the document files below `dir` (hidden names skipped), following symbolic links to
// directories once each. Nothing is skipped silently: a directory that cannot be listed, a dangling
// or looping symbolic link, and a document file that is not a regular file (a FIFO, a device) are
// error diagnostics, so `update --prune` never deletes documents it could not see.
void walk_directory(const fs::path& dir, bool top, std::set<std::pair<dev_t, ino_t>>& visited,
                    std::vector<std::string>& found, Diagnostics& diagnostics) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0 && !visited.insert({st.st_dev, st.st_ino}).second) {
    diagnostics.add({Severity::kWarning, dir.string(), 0, "", "",
                     "this directory was already read through another path (a symbolic link "
                     "or a cycle); skipped"});
    return;
  }
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    file_error(diagnostics, dir.string(), "cannot read the directory: " + ec.message());
    return;
  }
  std::vector<fs::path> subdirs;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (name.empty() || name.front() == '.') continue;
    if (top && (name == kRegistryName || name == kTaxonomyName)) continue;
    std::error_code sec;
    const fs::file_status link = fs::symlink_status(p, sec);
    fs::file_status target = link;
    if (fs::is_symlink(link)) {
      target = fs::status(p, sec);
      if (sec || !fs::exists(target)) {
        const bool missing = !sec || sec == std::errc::no_such_file_or_directory;
        file_error(diagnostics, p.string(),
                   "cannot follow the symbolic link (" +
                       (missing ? std::string("its target does not exist") : sec.message()) +
                       "); restore its target or remove it");
        continue;
      }
    } else if (sec) {
      file_error(diagnostics, p.string(), "cannot read: " + sec.message());
      continue;
    }
    if (fs::is_directory(target)) {
      subdirs.push_back(p);
    } else if (is_corpus_file_name(p)) {
      if (fs::is_regular_file(target)) {
        found.push_back(p.string());
      } else {
        file_error(diagnostics, p.string(),
                   "is not a regular file (a FIFO, socket or device); give it as an INPUT "
                   "explicitly to read it");
      }
    }
  }
  if (ec) file_error(diagnostics, dir.string(), "cannot read the directory: " + ec.message());
  std::sort(subdirs.begin(), subdirs.end());
  for (const auto& sub : subdirs) walk_directory(sub, false, visited, found, diagnostics);
}

// Adds a corpus directory's document files (recursively, sorted by path, hidden names skipped)
// and its top-level registry and taxonomy.
void add_directory(const std::string& dir, std::vector<std::string>& documents,
                   std::vector<std::string>& registry_files, std::vector<std::string>& theme_files,
                   Diagnostics& diagnostics) {
  const fs::path root(dir);
  std::error_code ec;
  if (fs::is_regular_file(root / kRegistryName, ec)) {
    registry_files.push_back((root / kRegistryName).string());
  }
  if (fs::is_regular_file(root / kTaxonomyName, ec)) {
    theme_files.push_back((root / kTaxonomyName).string());
  }
  std::vector<std::string> found;
  std::set<std::pair<dev_t, ino_t>> visited;
  const std::size_t errors_before = diagnostics.errors();
  walk_directory(root, true, visited, found, diagnostics);
  if (found.empty() && diagnostics.errors() == errors_before) {
    diagnostics.add({Severity::kWarning, dir, 0, "", "",
                     "no .jsonl or .json document files below this directory"});
  }
  std::sort(found.begin(), found.end());
  documents.insert(documents.end(), found.begin(), found.end());
}

// Where a registry or taxonomy record was read, to report cross-record problems there.
struct Origin {
  std::string id;
  std::string file;
  std::size_t line = 0;
};

std::string location(const std::string& file, std::size_t line) {
  return (file.empty() ? std::string("-") : file) + ":" + std::to_string(line);
}

void load_registry(const std::vector<std::string>& files, Registry& registry,
                   Diagnostics& diagnostics) {
  std::vector<Origin> loaded;
  std::unordered_map<std::string, std::string> first_at;  // id -> "file:line"
  for (const auto& file : files) {
    for_each_line(file, diagnostics, [&](std::string&& raw, std::size_t line) {
      RecordSink sink{diagnostics, diagnostic_file(file), line, "", 0};
      const auto record = reader_detail::parse_record(raw, RecordUnit::kLine, sink);
      if (!record) return true;
      auto entity = reader_detail::check_entity(*record, sink);
      if (!entity) return true;
      const auto [it, inserted] = first_at.emplace(entity->id, location(sink.file, line));
      if (!inserted) {
        sink.error("id", "duplicate entity id (first at " + it->second + ")");
        return true;
      }
      loaded.push_back({entity->id, sink.file, line});
      registry.put(std::move(*entity));
      return true;
    });
  }
  // Relations may point forward, and into another registry file: check once all are loaded.
  for (const auto& origin : loaded) {
    const Entity* entity = registry.find(origin.id);
    for (std::size_t i = 0; i < entity->related.size(); ++i) {
      const std::string& target = entity->related[i].id;
      if (target.empty() || registry.find(target) != nullptr) continue;
      diagnostics.add({Severity::kError, origin.file, origin.line, origin.id,
                       "related[" + std::to_string(i) + "].id",
                       "unknown entity \"" + target + "\" (not in the registry)"});
    }
  }
}

void load_taxonomy(const std::vector<std::string>& files, Taxonomy& taxonomy,
                   Diagnostics& diagnostics) {
  std::vector<Origin> loaded;
  std::unordered_map<std::string, std::string> first_at;  // id -> "file:line"
  for (const auto& file : files) {
    for_each_json_record(
        file, JsonFileShape::kThemes, diagnostics, nullptr,
        [&](std::string&& raw, std::size_t line, std::size_t column) {
          RecordSink sink{diagnostics, diagnostic_file(file), line, "", 0, column};
          const auto record = reader_detail::parse_record(raw, RecordUnit::kRecord, sink);
          if (!record) return;
          auto theme = reader_detail::check_theme(*record, sink);
          if (!theme) return;
          const auto [it, inserted] = first_at.emplace(theme->id, location(sink.file, line));
          if (!inserted) {
            sink.error("id", "duplicate theme id (first at " + it->second + ")");
            return;
          }
          loaded.push_back({theme->id, sink.file, line});
          taxonomy.put(std::move(*theme));
        });
  }
  std::set<std::string> in_reported_cycle;
  for (const auto& origin : loaded) {
    const Theme* theme = taxonomy.find(origin.id);
    if (theme->parent.empty()) continue;
    if (taxonomy.find(theme->parent) == nullptr) {
      diagnostics.add({Severity::kError, origin.file, origin.line, origin.id, "parent",
                       "unknown parent theme \"" + theme->parent + "\" (not in the taxonomy)"});
      continue;
    }
    if (in_reported_cycle.count(origin.id) > 0) continue;
    // Walk up; coming back to this theme means it is on a cycle (reported once per cycle).
    std::vector<std::string> chain{origin.id};
    std::set<std::string> seen{origin.id};
    const Theme* t = theme;
    while (t != nullptr && !t->parent.empty()) {
      chain.push_back(t->parent);
      if (t->parent == origin.id) {
        std::string path;
        for (const auto& id : chain) path += (path.empty() ? "" : " -> ") + id;
        diagnostics.add({Severity::kError, origin.file, origin.line, origin.id, "parent",
                         "the parent chain forms a cycle: " + path});
        in_reported_cycle.insert(chain.begin(), chain.end());
        break;
      }
      if (!seen.insert(t->parent).second) break;  // a cycle further up, not through this theme
      t = taxonomy.find(t->parent);
    }
  }
}

void dedupe_paths(std::vector<std::string>& paths) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (auto& p : paths) {
    std::error_code ec;
    const std::string key = p == "-" ? p : fs::weakly_canonical(p, ec).string();
    if (seen.insert(ec ? p : key).second) out.push_back(std::move(p));
  }
  paths = std::move(out);
}

}  // namespace

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::kError) ++errors_;
  all_.push_back(std::move(d));
  if (on_add) on_add(all_.back());
}

Corpus open_corpus(const InputOptions& options, Diagnostics& diagnostics) {
  Corpus corpus;
  std::vector<std::string> registry_files;
  std::vector<std::string> theme_files;
  for (const auto& input : options.inputs) {
    if (input == "-") {
      corpus.document_files.push_back(input);
      continue;
    }
    std::error_code ec;
    const auto status = fs::status(input, ec);
    if (!fs::exists(status)) {
      file_error(diagnostics, input, "no such file or directory");
    } else if (fs::is_directory(status)) {
      add_directory(input, corpus.document_files, registry_files, theme_files, diagnostics);
    } else if (is_corpus_file_name(input)) {
      corpus.document_files.push_back(input);
    } else {
      file_error(diagnostics, input,
                 "not a corpus input: expected a .jsonl or .json file, a corpus directory or -");
    }
  }
  for (const auto& f : options.registry_files) {
    if (fs::exists(f)) {
      registry_files.push_back(f);
    } else {
      file_error(diagnostics, f, "no such registry file");
    }
  }
  for (const auto& f : options.theme_files) {
    if (fs::exists(f)) {
      theme_files.push_back(f);
    } else {
      file_error(diagnostics, f, "no such taxonomy file");
    }
  }
  // The same file named twice (`validate corpus --registry corpus/entities.jsonl`) is read once,
  // rather than reporting each of its records as a duplicate of itself.
  dedupe_paths(corpus.document_files);
  dedupe_paths(registry_files);
  dedupe_paths(theme_files);
  load_registry(registry_files, corpus.registry, diagnostics);
  load_taxonomy(theme_files, corpus.taxonomy, diagnostics);
  return corpus;
}

ScanStats scan_documents(const Corpus& corpus, Diagnostics& diagnostics,
                         const std::function<void(Document&&, const RecordLocation&)>& on_valid,
                         bool stop_on_error) {
  ScanStats stats;
  reader_detail::DocumentChecker checker(corpus.registry, corpus.taxonomy);
  // The only state that grows with the input: each id seen and where (file index, line).
  IdTable seen;
  bool stop = false;

  for (std::size_t f = 0; f < corpus.document_files.size() && !stop; ++f) {
    const std::string& path = corpus.document_files[f];
    const auto handle = [&](std::string&& raw, std::size_t line, RecordUnit unit,
                            std::size_t column) {
      if (stop) return;
      ++stats.records;
      RecordSink sink{diagnostics, diagnostic_file(path), line, "", 0, column};
      Document doc;
      if (const auto record = reader_detail::parse_record(raw, unit, sink)) {
        raw.clear();
        raw.shrink_to_fit();
        doc = checker.check(*record, sink);
      }
      if (!doc.id.empty()) {
        if (const auto first = seen.insert(doc.id, {static_cast<std::uint32_t>(f), line})) {
          sink.error("id", "duplicate id (first at " +
                               location(diagnostic_file(corpus.document_files[first->file]),
                                        static_cast<std::size_t>(first->line)) +
                               ")");
        }
      }
      if (sink.errors > 0) {
        ++stats.rejected;
        stop = stop_on_error;
        return;
      }
      ++stats.accepted;
      if (on_valid) on_valid(std::move(doc), RecordLocation{path, line});
    };
    if (is_json_lines(path)) {
      for_each_line(path, diagnostics, [&](std::string&& raw, std::size_t line) {
        handle(std::move(raw), line, RecordUnit::kLine, 1);
        return !stop;
      });
    } else {
      bool structure_error = false;
      for_each_json_record(path, JsonFileShape::kDocuments, diagnostics, &structure_error,
                           [&](std::string&& raw, std::size_t line, std::size_t column) {
                             handle(std::move(raw), line, RecordUnit::kRecord, column);
                           });
      if (structure_error && stop_on_error) stop = true;
    }
  }
  return stats;
}

std::size_t estimate_records(const Corpus& corpus) {
  std::size_t n = 0;
  for (const auto& path : corpus.document_files) {
    if (path == "-") continue;
    if (!is_json_lines(path)) {
      ++n;
      continue;
    }
    std::ifstream in(path, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      if (!is_blank(line)) ++n;
    }
  }
  return n;
}

}  // namespace annosearch
