// Fixtures of the researcher views' end-to-end tests: the seed index and a small Reuters-21578
// index (the first SGML file of the shared collection, 1,000 articles), each built once per test
// process, and independent readers of the outputs (Python's csv module, the gold file).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace annosearch::test {

// The index of the bundled corpus (the seed article).
const std::string& views_seed_index();
// The index of reut2-000.sgm (imported and built at test time) and the directory holding that
// one SGML file (for tests/scripts/reuters_counts.py).
const std::string& views_reuters_index();
const std::string& views_reuters_sgml_dir();

// The gold document of the seed (corpus/documents/...json), parsed by nlohmann::json.
nlohmann::json seed_gold();
// For each entity of the gold document: the passages with a mention of it; an entity without
// mentions is document-level and so on every non-empty passage.
std::map<std::string, std::set<int>> seed_gold_actor_passages();
// For each entity: the number of its mentions in each passage.
std::map<std::string, std::map<int, int>> seed_gold_mentions_per_passage();

// CSV output read by tests/scripts/csv_rows.py (Python's csv): {"meta", "header", "rows"}.
nlohmann::json parse_csv_with_python(const std::string& csv);
// JSON Lines, each line parsed.
std::vector<nlohmann::json> parse_jsonl(const std::string& text);

}  // namespace annosearch::test
