// The output layer on its own: the views' structure printer (one value, four renderings), CSV
// cells, text escaping and fitting, and the search writers' new CSV columns and JSON paging keys.
// Expected strings are written out by hand.
#include "tools/annosearch/output.h"

#include <limits>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tools/annosearch/view_output.h"

using annosearch::cli::csv_cell;
using annosearch::cli::display;
using annosearch::cli::emit_view;
using annosearch::cli::fit;
using annosearch::cli::Format;
using annosearch::cli::ViewOutput;
using ojson = nlohmann::ordered_json;

namespace {

ViewOutput sample() {
  ViewOutput v;
  v.document = {{"total", 2},
                {"rows",
                 {{{"id", "a"}, {"n", 1}, {"who", {{"id", "x"}}}, {"tags", {"p", "q"}}},
                  {{"id", "b,c"}, {"n", 2}, {"who", nullptr}, {"tags", ojson::array()}}}}};
  v.rows_key = "rows";
  v.columns = {"id", "n", "who.id", "tags"};
  return v;
}

std::string render(Format f, const ViewOutput& v) {
  std::ostringstream out;
  emit_view(f, out, v, [](std::ostream& o) { o << "TEXT\n"; });
  return out.str();
}

}  // namespace

TEST_CASE("a view renders once-described data as json, jsonl, csv and its own text",
          "[tools][output]") {
  const ViewOutput v = sample();
  CHECK(ojson::parse(render(Format::kJson, v)) == v.document);
  CHECK(render(Format::kJsonl, v) ==
        "{\"id\":\"a\",\"n\":1,\"who\":{\"id\":\"x\"},\"tags\":[\"p\",\"q\"]}\n"
        "{\"id\":\"b,c\",\"n\":2,\"who\":null,\"tags\":[]}\n");
  CHECK(render(Format::kCsv, v) == "id,n,who.id,tags\r\na,1,x,p;q\r\n\"b,c\",2,,\r\n");
  CHECK(render(Format::kText, v) == "TEXT\n");
  ViewOutput named = v;
  named.headers = {"Source", "Weight", "Who", "Tags"};
  CHECK(render(Format::kCsv, named).rfind("Source,Weight,Who,Tags\r\n", 0) == 0);
}

TEST_CASE("csv cells, display escaping and fitting", "[tools][output]") {
  CHECK(csv_cell(ojson(nullptr)).empty());
  CHECK(csv_cell(ojson(1.5)) == "1.5");
  CHECK(csv_cell(ojson(true)) == "true");
  CHECK(csv_cell(ojson::array({"a", 1})) == "a;1");
  CHECK(csv_cell(ojson::array({ojson{{"k", 1}}})) == "[{\"k\":1}]");
  CHECK(display("a\x1b]0;x\x07"
                "b") == "a\\x1b]0;x\\x07b");
  CHECK(display("tab\there") == "tab\\there");  // escape_control: \t, \n, \r by name
  CHECK(fit("abc", 5) == "abc  ");
  CHECK(fit("abc", 5, true) == "  abc");
  CHECK(fit("abcdef", 4) == "abc…");
  CHECK(fit("abcdef", 4, true) == "…def");
  CHECK(fit("äöü", 3) == "äöü");
}

TEST_CASE("search CSV carries url, actors and themes, and JSON says what the page left out",
          "[tools][output]") {
  annosearch::SearchResult r;
  r.total = 5;
  r.offset = 1;
  r.limit = 2;
  annosearch::Hit h;
  h.id = "d1";
  h.title = "T";
  h.url = "https://x/1";
  h.passage.n = 3;
  h.passage.text = "text";
  h.actors = {{"taliban", "Taliban", "ORG"}, {"russia", "Russia", "GPE"}};
  h.themes = {{"trade", "Trade"}};
  annosearch::Hit partial = h;
  partial.partial = true;
  partial.missing = {"refugees", "Dushanbe"};
  r.hits = {h, partial};
  std::ostringstream csv;
  annosearch::cli::make_writer(Format::kCsv, csv)->search(r);
  CHECK(csv.str() ==
        "id,passage,title,date,source,url,score,actors,themes,text,partial,missing\r\n"
        "d1,3,T,,,https://x/1,0.0000,taliban;russia,trade,text,false,\r\n"
        "d1,3,T,,,https://x/1,0.0000,taliban;russia,trade,text,true,refugees; Dushanbe\r\n");
  const ojson j = annosearch::cli::search_to_json(r, true);
  CHECK(j.at("offset") == 1);
  CHECK(j.at("limit") == 2);
  CHECK(j.at("left_out") == 2);  // 5 - 1 skipped - 2 shown
  r.limit = std::numeric_limits<std::size_t>::max();
  CHECK(annosearch::cli::search_to_json(r, true).at("limit") == "all");
}

TEST_CASE("write_json replaces bytes that are not UTF-8 instead of failing", "[tools][output]") {
  std::ostringstream out;
  annosearch::cli::write_json(out, ojson{{"file", "a\xff.jsonl"}}, -1);
  CHECK(out.str() == "{\"file\":\"a\xef\xbf\xbd.jsonl\"}\n");
}
