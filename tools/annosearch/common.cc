// Global options and small output helpers of the `annosearch` command.
#include "tools/annosearch/common.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <ostream>

#include <xapian.h>

#include "core/escape.h"
#include "core/index.h"
#include "query/search.h"
#include "tools/annosearch/view_output.h"

namespace annosearch::cli {

std::string default_index_path() {
  const char* env = std::getenv("ANNOSEARCH_INDEX");
  return env != nullptr && *env != '\0' ? std::string(env) : std::string("annosearch-index");
}

std::string bundled_corpus_dir() {
  const char* env = std::getenv("ANNOSEARCH_CORPUS");
  if (env != nullptr && *env != '\0') return env;
  return ANNOSEARCH_SOURCE_DIR "/corpus";
}

IndexReader::IndexReader(const Context& ctx, const std::string& index_dir) {
  if (ctx.searcher != nullptr) {
    searcher_ = ctx.searcher;
  } else {
    own_ = std::make_unique<Searcher>(open_index(index_dir));
    searcher_ = own_.get();
  }
}

IndexReader::~IndexReader() = default;

CLI::Option* add_index_option(CLI::App* sub, std::string* index) {
  *index = default_index_path();
  return sub->add_option("--index", *index,
                         "Index directory (default: $ANNOSEARCH_INDEX, else ./annosearch-index)");
}

CLI::Option* add_format_option(CLI::App* sub, Format* format, bool allow_jsonl_csv) {
  std::vector<std::string> names{"text", "json"};
  if (allow_jsonl_csv) {
    names.emplace_back("jsonl");
    names.emplace_back("csv");
  }
  return sub
      ->add_option_function<std::string>(
          "--format",
          [format](const std::string& name) {
            static const std::map<std::string, Format> kByName{{"text", Format::kText},
                                                               {"json", Format::kJson},
                                                               {"jsonl", Format::kJsonl},
                                                               {"csv", Format::kCsv}};
            *format = kByName.at(name);
          },
          allow_jsonl_csv ? "Output format: text (default), json, jsonl or csv"
                          : "Output format: text (default) or json")
      ->check(CLI::IsMember(names))
      ->type_name("FORMAT");
}

void add_registry_options(CLI::App* sub, std::vector<std::string>* registry,
                          std::vector<std::string>* themes, const std::string& registry_help) {
  sub->add_option("--registry", *registry, registry_help)->allow_extra_args(false);
  if (themes != nullptr) {
    sub->add_option("--themes", *themes, "A further theme taxonomy file (JSON); repeatable")
        ->allow_extra_args(false);
  }
}

void add_progress_options(CLI::App* sub, bool* quiet, std::string* progress) {
  *progress = "auto";
  sub->add_flag("-q,--quiet", *quiet, "No progress or summary on stderr");
  sub->add_option("--progress", *progress,
                  "Progress on stderr: auto (a bar on a terminal), json (one object a line), none")
      ->check(CLI::IsMember({"auto", "json", "none"}));
}

namespace {

// A number as a spreadsheet reads it ("-3", "+0.25"): safe to leave as it is.
bool is_plain_number(const std::string& s) {
  std::size_t i = s.empty() || (s[0] != '+' && s[0] != '-') ? 0 : 1;
  bool digits = false;
  bool dot = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digits = true;
    } else if (s[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

}  // namespace

bool is_spreadsheet_formula(const std::string& field) {
  if (field.empty()) return false;
  const char c = field[0];
  const bool risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  return risky && !is_plain_number(field);
}

void write_csv_field(std::ostream& out, const std::string& field) {
  const bool formula = is_spreadsheet_formula(field);
  if (!formula && field.find_first_of(",\"\n\r") == std::string::npos) {
    out << field;
    return;
  }
  out << '"';
  // A cell a spreadsheet would evaluate (=, +, -, @, tab or CR first) gets a leading apostrophe,
  // which spreadsheets show as text (OWASP's advice for CSV injection); see output-format.md.
  if (formula) out << '\'';
  for (const char c : field) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

nlohmann::ordered_json diagnostic_json(const Diagnostic& d) {
  using nlohmann::ordered_json;
  // File names need not be UTF-8 and ids of rejected records need not be either: invalid bytes
  // become U+FFFD, as JSON cannot carry them (nlohmann::json would throw when dumping).
  return ordered_json{
      {"severity", to_string(d.severity)},
      {"file", d.file.empty() ? std::string("-") : valid_utf8(d.file)},
      {"line", d.line},
      {"id", d.doc_id.empty() ? ordered_json(nullptr) : ordered_json(valid_utf8(d.doc_id))},
      {"field", d.field.empty() ? ordered_json(nullptr) : ordered_json(valid_utf8(d.field))},
      {"message", valid_utf8(d.message)}};
}

void stream_diagnostics_to_stderr(Diagnostics& diagnostics, bool quiet) {
  diagnostics.on_add = [quiet](const Diagnostic& d) {
    if (!quiet || d.severity == Severity::kError) std::cerr << d.format() << '\n';
  };
}

void write_report(const std::string& path, nlohmann::ordered_json summary,
                  const Diagnostics& diagnostics) {
  auto diags = nlohmann::ordered_json::array();
  for (const auto& d : diagnostics.all()) diags.push_back(diagnostic_json(d));
  summary["diagnostics"] = std::move(diags);
  std::ofstream out(path);
  if (!out) {
    throw Error(ErrorKind::kUsage,
                "cannot open the report file " + path + ": " + std::strerror(errno));
  }
  write_json(out, summary);
  out.flush();
  const int write_errno = errno;
  const bool written = static_cast<bool>(out);
  out.close();
  if (!written || !out) {
    throw Error(ErrorKind::kInternal, "cannot write the report to " + path + ": " +
                                          std::strerror(written ? errno : write_errno) +
                                          " (the report is incomplete)");
  }
}

void check_standard_output() {
  // std::cout writes through to C's stdout (synchronised), so the C stream holds the buffered
  // bytes and the error flag.
  errno = 0;
  std::cout.flush();
  const bool flushed = std::fflush(stdout) == 0;
  const int flush_errno = errno;
  if (!flushed || std::ferror(stdout) != 0 || !std::cout) {
    throw Error(
        ErrorKind::kInternal,
        std::string("cannot write the output: ") +
            (flush_errno != 0 ? std::strerror(flush_errno)
                              : "a write failed (a full disk, /dev/full or a closed pipe)") +
            "; the output is incomplete");
  }
}

int parse_and_run(CLI::App& app, const Context& ctx, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    // Output lost on a full disk or /dev/full is an error, not a success (exit 4).
    check_standard_output();
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" that succeed; print them as CLI11 does.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "annosearch: " << e.what() << "; see `annosearch --help` or `annosearch "
              << "COMMAND --help`\n";
    return static_cast<int>(ExitCode::kUsage);
  } catch (const Error& e) {
    std::cout.flush();
    std::cerr << "annosearch: " << escape_control(e.what()) << '\n';
    return static_cast<int>(e.exit_code());
  } catch (const Xapian::DatabaseLockError& e) {
    std::cerr << "annosearch: the index is locked by another writer: " << e.get_msg() << '\n';
    return static_cast<int>(ExitCode::kIndex);
  } catch (const Xapian::DatabaseError& e) {
    // A failed read or write of the disk (ENOSPC, EIO, EFBIG) is not a damaged index: exit 4, as a
    // build that hits it does. Xapian keeps the errno for these.
    if (e.get_error_string() != nullptr) {
      std::cerr << "annosearch: cannot read or write the index: " << e.get_description()
                << "; nothing was changed (the published index is as it was)\n";
      return static_cast<int>(ExitCode::kInternal);
    }
    std::cerr << "annosearch: index error: " << e.get_description()
              << "; check the --index path, or rebuild with `annosearch build`\n";
    return static_cast<int>(ExitCode::kIndex);
  } catch (const Xapian::Error& e) {
    std::cerr << "annosearch: internal error: " << e.get_description() << '\n';
    return static_cast<int>(ExitCode::kInternal);
  } catch (const std::exception& e) {
    std::cerr << "annosearch: internal error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::kInternal);
  }
  return ctx.exit_code;
}

}  // namespace annosearch::cli
