// Global options and small output helpers of the `annosearch` command.
#include "tools/annosearch/common.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <ostream>

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

void write_csv_field(std::ostream& out, const std::string& field) {
  if (field.find_first_of(",\"\n\r") == std::string::npos) {
    out << field;
    return;
  }
  out << '"';
  for (const char c : field) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

nlohmann::ordered_json diagnostic_json(const Diagnostic& d) {
  using nlohmann::ordered_json;
  return ordered_json{{"severity", to_string(d.severity)},
                      {"file", d.file.empty() ? std::string("-") : d.file},
                      {"line", d.line},
                      {"id", d.doc_id.empty() ? ordered_json(nullptr) : ordered_json(d.doc_id)},
                      {"field", d.field.empty() ? ordered_json(nullptr) : ordered_json(d.field)},
                      {"message", d.message}};
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
  write_json(out, summary);
  if (!out) throw Error(ErrorKind::kUsage, "cannot write the report to " + path);
}

}  // namespace annosearch::cli
