// Synthetic corpus directories for end-to-end tests of maintenance and safety: N small annotated
// documents with the bundled registry and taxonomy, written in a TempDir.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/support/run.h"

namespace annosearch::test {

// One document: id syn-<i>, two paragraphs, a mention of the Taliban or of Tajikistan, a theme.
inline nlohmann::json synthetic_document(int i, const std::string& variant = "") {
  const bool taliban = i % 2 == 0;
  const std::string name = taliban ? "Taliban" : "Tajikistan";
  const std::string first = "Report " + std::to_string(i) + variant + " on the border.";
  const std::string second = "The " + name + " discussed trade and security near the river.";
  nlohmann::json mention = {{"start", first.size() + 1 + 4},
                            {"end", first.size() + 1 + 4 + name.size()}};
  char date[16];
  std::snprintf(date, sizeof date, "2021-%02d-%02d", i % 12 + 1, i % 28 + 1);
  return {
      {"id", "syn-" + std::to_string(i)},
      {"title", first},
      {"date", date},
      {"source", "Synthetic"},
      {"text", first + "\n" + second},
      {"entities",
       {{{"id", taliban ? "taliban" : "tajikistan"}, {"mentions", {mention}}, {"source", "gold"}}}},
      {"themes", {{{"id", i % 3 == 0 ? "trade" : "security"}, {"source", "gold"}}}}};
}

// Writes DIR/entities.jsonl, DIR/themes.json (the bundled ones) and DIR/docs.jsonl with documents
// [from, to); `changed` ids get a different text (for replace tests).
inline void write_synthetic_corpus(const std::filesystem::path& dir, int from, int to,
                                   int changed_from = -1, int changed_to = -1) {
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(source_path("corpus/entities.jsonl"), dir / "entities.jsonl",
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::copy_file(source_path("corpus/themes.json"), dir / "themes.json",
                             std::filesystem::copy_options::overwrite_existing);
  std::ofstream out(dir / "docs.jsonl", std::ios::trunc);
  for (int i = from; i < to; ++i) {
    const bool changed = i >= changed_from && i < changed_to;
    out << synthetic_document(i, changed ? " (revised)" : "").dump() << '\n';
  }
}

// The "total" of `annosearch search --format json` with the given arguments, or -1 on failure.
inline long search_total(const std::string& index, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"search", "--index", index, "--format", "json", "--limit", "0"};
  args.insert(args.end(), extra.begin(), extra.end());
  const RunResult r = run_annosearch(args);
  if (r.exit_code != 0) return -1;
  return nlohmann::json::parse(r.out).at("total").get<long>();
}

}  // namespace annosearch::test
