// Fuzz target: the query parser and filter resolution (query/parser.h, query/search.h).
//
// Input: the first line is the query text; the following lines, when present, are the options
// --actor, --theme, --when, --from, --to and --type in that order (an empty line: not given).
//
// Properties:
// - a query that parses prints back (to_query_text, the canonical printer) to a text that parses
//   to an equivalent tree (positions aside), and printing that tree again gives the same text;
// - every parse error is Error(kUsage) "query error at character N: ..." with N a code point
//   position inside the input (1 <= N <= its length);
// - the search (resolving actor:, theme:, date:, when:, type: and the options against a small
//   index built by the real indexer at start: registry with non-Latin names, ambiguous aliases,
//   relations; a taxonomy with a hierarchy and an ambiguous label) either succeeds or throws
//   Error(kUsage) with a one-line message (a query the parser rejects gives the parser's message);
//   no other exception, no crash;
// - a search that succeeds echoes a normalized query (the filters as fields) that parses again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/error.h"
#include "core/index.h"
#include "indexer/index_writer.h"
#include "indexer/reader.h"
#include "query/parser.h"
#include "query/search.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

namespace fs = std::filesystem;
using annosearch::Error;
using annosearch::ErrorKind;
using annosearch::QueryNode;

// Documents indexed at start (JSON Lines, as a corpus file holds them).
constexpr const char* kDocuments =
    R"({"id":"a1","title":"Rahmon meets the Taliban","date":"2021-12","source":"Test","language":"en","text":"Rahmon meets the Taliban in Dushanbe.\n\nRefugees from Afghanistan crossed the border on 28 November 2021.","entities":[{"id":"emomali-rahmon","mentions":[{"start":0,"end":6}]},{"id":"taliban","mentions":[{"start":17,"end":24}]},{"id":"dushanbe","mentions":[{"start":28,"end":36}]},{"id":"afghanistan","mentions":[{"start":53,"end":64}]}],"themes":[{"id":"politics"},{"id":"refugees","passages":[2]}],"dates":[{"start":83,"end":99,"value":"2021-11-28"}]}
{"id":"b1","title":"Putin and Rahmon","date":"2021-11-15","source":"Wire","language":"en","text":"Putin and Rahmon discuss the famine.\n\nIn 2021 the economy grew.","entities":[{"id":"vladimir-putin","mentions":[{"start":0,"end":5}]},{"id":"emomali-rahmon","mentions":[{"start":10,"end":16}]}],"themes":[{"id":"famine"},{"id":"economy","passages":[2]}]}
{"id":"c1","date":"2021","source":"Test","language":"ru","text":"Путин в Душанбе.","entities":[{"id":"vladimir-putin","mentions":[{"start":0,"end":5}]},{"id":"dushanbe","mentions":[{"start":8,"end":15}]}]}
{"id":"d1","text":"Undated refugees."}
)";

annosearch::Registry registry() {
  annosearch::Registry r;
  r.put({"emomali-rahmon",
         "Emomali Rahmon",
         "PERSON",
         {"Rahmon", "Rakhmon", "Эмомалӣ Раҳмон"},
         "",
         {{"head-of-state", "tajikistan"}},
         ""});
  r.put({"tajikistan", "Tajikistan", "GPE", {"Dushanbe", "Tajik"}, "", {}, ""});
  r.put({"dushanbe", "Dushanbe", "GPE", {"Душанбе"}, "", {{"capital-of", "tajikistan"}}, ""});
  r.put({"afghanistan", "Afghanistan", "GPE", {"Afghan", "Kabul"}, "", {}, ""});
  r.put({"afghans", "Afghans", "NORP", {"Afghan"}, "", {{"located-in", "afghanistan"}}, ""});
  r.put({"taliban", "Taliban", "ORG", {"Taleban"}, "", {}, ""});
  r.put({"vladimir-putin", "Vladimir Putin", "PERSON", {"Putin", "Путин"}, "", {}, ""});
  return r;
}

annosearch::Taxonomy taxonomy() {
  annosearch::Taxonomy t;
  t.put({"economy", "Economy", "", "", ""});
  t.put({"trade", "Trade", "economy", "", ""});
  t.put({"humanitarian", "Humanitarian crisis", "", "", ""});
  t.put({"refugees", "Refugees", "humanitarian", "", ""});
  t.put({"asylum", "Refugees", "humanitarian", "", ""});  // an ambiguous label
  t.put({"famine", "Famine", "humanitarian", "", ""});
  t.put({"politics", "Politics", "", "", ""});
  return t;
}

struct Fixture {
  fs::path dir;
  std::unique_ptr<annosearch::Searcher> searcher;
  Fixture() {
    std::string pattern = (fs::temp_directory_path() / "fuzz_query-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    dir = pattern;
    {
      std::ofstream out(dir / "documents.jsonl");
      out << kDocuments;
    }
    annosearch::Corpus corpus{registry(), taxonomy(), {(dir / "documents.jsonl").string()}};
    annosearch::Diagnostics diagnostics;
    annosearch::BuildOptions options;
    options.index_dir = (dir / "index").string();
    options.jobs = 1;
    const auto summary = annosearch::build_index(corpus, diagnostics, options);
    FUZZ_CHECK(summary.indexed == 4);  // the fixture itself is valid
    searcher = std::make_unique<annosearch::Searcher>(annosearch::open_index(options.index_dir));
  }
  ~Fixture() {
    searcher.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;
};

// The searcher, opened again every 20,000 inputs: its registry view caches every id looked up
// (unknown ones too), which over millions of fuzzed inputs would only measure that cache.
const annosearch::Searcher& searcher() {
  static Fixture f;
  static std::size_t calls = 0;
  if (++calls % 20000 == 0) {
    f.searcher.reset();
    f.searcher =
        std::make_unique<annosearch::Searcher>(annosearch::open_index((f.dir / "index").string()));
  }
  return *f.searcher;
}

bool same(const QueryNode& a, const QueryNode& b) {
  if (a.kind != b.kind || a.field != b.field || a.text != b.text || a.distance != b.distance ||
      a.ordered != b.ordered || a.required != b.required || a.expand != b.expand ||
      a.children.size() != b.children.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    if (!same(a.children[i], b.children[i])) return false;
  }
  return true;
}

// Code points as the parser counts them (every byte that is not a UTF-8 continuation byte).
// Code points of s, each byte that is not part of a well-formed UTF-8 sequence counted as one.
std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++n) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t len = lead < 0x80U                     ? 1
                      : lead >= 0xC2U && lead <= 0xDFU ? 2
                      : lead >= 0xE0U && lead <= 0xEFU ? 3
                      : lead >= 0xF0U && lead <= 0xF4U ? 4
                                                       : 0;
    for (std::size_t k = 1; k < len; ++k) {
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0U) != 0x80U) len = 0;
    }
    i += len == 0 ? 1 : len;
  }
  return n;
}

// The position of a parse error: "query error at character N: ..." -> N (0 when malformed).
std::size_t error_position(const std::string& message) {
  const std::string head = "query error at character ";
  if (message.rfind(head, 0) != 0) return 0;
  std::size_t i = head.size();
  std::size_t n = 0;
  bool digits = false;
  while (i < message.size() && message[i] >= '0' && message[i] <= '9' && n < 100000000) {
    n = n * 10 + static_cast<std::size_t>(message[i] - '0');
    digits = true;
    ++i;
  }
  if (!digits || message.compare(i, 2, ": ") != 0 || i + 2 >= message.size()) return 0;
  return n;
}

void check_usage_error(const Error& e) {
  FUZZ_CHECK(e.kind() == ErrorKind::kUsage);
  const std::string message = e.what();
  FUZZ_CHECK(!message.empty());
  FUZZ_CHECK(message.find('\n') == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> lines;
  for (std::size_t start = 0;;) {
    const std::size_t nl = input.find('\n', start);
    lines.push_back(input.substr(start, nl == std::string::npos ? nl : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  const std::string& text = lines.front();

  // The parser and its printer.
  std::string parse_error;
  try {
    const QueryNode tree = annosearch::parse_query(text);
    const std::string printed = annosearch::to_query_text(tree);
    QueryNode again;
    try {
      again = annosearch::parse_query(printed);
    } catch (const Error& e) {
      std::fprintf(stderr, "printed \"%s\" does not parse: %s\n", printed.c_str(), e.what());
      FUZZ_CHECK(false);
    }
    if (!same(tree, again)) {
      std::fprintf(stderr, "tree %s printed as \"%s\" parses to %s\n",
                   annosearch::describe(tree).c_str(), printed.c_str(),
                   annosearch::describe(again).c_str());
    }
    FUZZ_CHECK(same(tree, again));
    FUZZ_CHECK(annosearch::to_query_text(again) == printed);
  } catch (const Error& e) {
    check_usage_error(e);
    parse_error = e.what();
    const std::size_t at = error_position(parse_error);
    if (at < 1 || at > code_points(text)) {
      std::fprintf(stderr, "error position %zu outside the input of %zu code points: %s\n", at,
                   code_points(text), parse_error.c_str());
    }
    FUZZ_CHECK(at >= 1 && at <= code_points(text));
  }

  // Filter resolution through a real search.
  annosearch::SearchRequest request;
  request.text = text;
  const auto option = [&](std::size_t i) { return i < lines.size() ? lines[i] : std::string(); };
  if (!option(1).empty()) request.actors.push_back(option(1));
  if (!option(2).empty()) request.themes.push_back(option(2));
  request.when = option(3);
  request.from = option(4);
  request.to = option(5);
  request.type = option(6);
  request.limit = 3;
  request.facets = {"actor", "theme", "when"};
  try {
    const annosearch::SearchResult result = searcher().search(request);
    FUZZ_CHECK(parse_error.empty());
    const std::string normalized = annosearch::normalized_query(result.query);
    try {
      (void)annosearch::parse_query(normalized);
    } catch (const Error& e) {
      std::fprintf(stderr, "normalized query \"%s\" does not parse: %s\n", normalized.c_str(),
                   e.what());
      FUZZ_CHECK(false);
    }
  } catch (const Error& e) {
    check_usage_error(e);
    // The search's own query errors (a prefix that is no word, a NEAR operand without a word)
    // are located too.
    const std::string message = e.what();
    if (message.rfind("query error at character ", 0) == 0) {
      const std::size_t at = error_position(message);
      if (at < 1 || at > code_points(text)) {
        std::fprintf(stderr, "error position %zu outside the input of %zu code points: %s\n", at,
                     code_points(text), message.c_str());
      }
      FUZZ_CHECK(at >= 1 && at <= code_points(text));
    }
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "Xapian error escaped: %s\n", e.get_description().c_str());
    FUZZ_CHECK(false);
  }
  return 0;
}
