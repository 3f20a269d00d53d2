// Document building: golden term lists of the article and passage documents, values and data.
#include "indexer/document_builder.h"

#include <map>

#include <catch2/catch.hpp>

#include "core/calendar.h"
#include "core/schema.h"
#include "core/stored.h"

using namespace annosearch;

namespace {

// "term[pos,pos]" for positional terms, "term" for the others, in term order (Xapian's test style).
std::string term_list(const Xapian::Document& d) {
  std::string out;
  for (auto t = d.termlist_begin(); t != d.termlist_end(); ++t) {
    if (!out.empty()) out += ' ';
    out += *t;
    if (t.positionlist_count() > 0) {
      out += '[';
      bool first = true;
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        if (!first) out += ',';
        out += std::to_string(*p);
        first = false;
      }
      out += ']';
    }
  }
  return out;
}

struct Fixture {
  Registry registry;
  Taxonomy taxonomy;
  Document doc;
  Fixture() {
    registry.put({"taliban", "Taliban", "ORG", {}, "", {}, ""});
    registry.put({"tajikistan", "Tajikistan", "GPE", {"Dushanbe"}, "", {}, ""});
    registry.put({"usa", "USA", "GPE", {}, "", {}, ""});
    taxonomy.put({"economy", "Economy", "", "", ""});
    taxonomy.put({"trade", "Trade", "economy", "", ""});
    taxonomy.put({"security", "Security", "", "", ""});
    doc.id = "d1";
    doc.title = "Dushanbe trades";
    doc.date = PartialDate::parse("2021-12");
    doc.source = "CABAR.asia";
    //           0         1         2         3
    //           0123456789012345678901234567890123456789
    doc.text = "Dushanbe trades\nOn May 9 the Taliban met.";
    doc.entities = {
        {"tajikistan", {{0, 8}}, "gold"}, {"taliban", {{29, 36}}, "gold"}, {"usa", {}, "reuters"}};
    doc.themes = {{"trade", std::nullopt, {1}, "gold"}, {"security", 0.5, {}, "gold"}};
    doc.dates = {{{19, 24}, *DateRange::parse("2021-05-09")}};
  }
};

}  // namespace

TEST_CASE("article and passage documents carry the golden terms", "[document_builder]") {
  Fixture f;
  DocumentBuilder builder(f.taxonomy);
  const auto units = builder.build(f.doc);
  REQUIRE(units.size() == 3);
  CHECK(units[0].uid_term == "Qd1");
  CHECK(units[1].uid_term == "Qd1#1");
  CHECK(units[2].uid_term == "Qd1#2");
  CHECK(term_list(units[0].document) ==
        "9[205] Len Qd1 XAtajikistan XAtaliban XAusa XDOCd1 XGAtajikistan XGAtaliban XGAusa "
        "XGMtajikistan[101] XGMtaliban[207] XGTeconomy XGTsecurity XGTtrade XGW2021 XGW2021-05 "
        "XGW2021-05-09 XLEVELarticle XMtajikistan[101] "
        "XMtaliban[207] XP2021 XP2021-12 XSOURCEcabar.asia XTeconomy XTsecurity XTtrade XW2021 "
        "XW2021-05 XW2021-05-09 Z9 Zdushanb Zmay Zmet Zon Ztaliban Zthe Ztrade dushanbe[101] "
        "may[204] met[208] on[203] taliban[207] the[206] trades[102]");
  // Passage 1: its own entities plus the document-level one; trade (and its ancestor) applies.
  CHECK(term_list(units[1].document) ==
        "Len Qd1#1 XAtajikistan XAusa XDOCd1 XGAtajikistan XGAusa XGMtajikistan[101] XGTeconomy "
        "XGTsecurity XGTtrade XLEVELpassage XMtajikistan[101] XP2021 XP2021-12 "
        "XSOURCEcabar.asia XTeconomy XTsecurity XTtrade Zdushanb Ztrade dushanbe[101] "
        "trades[102]");
  // Passage 2: its mention, the date it mentions, the document-level entity and theme.
  CHECK(term_list(units[2].document) ==
        "9[205] Len Qd1#2 XAtaliban XAusa XDOCd1 XGAtaliban XGAusa XGMtaliban[207] XGTsecurity "
        "XGW2021 XGW2021-05 XGW2021-05-09 XLEVELpassage XMtaliban[207] XP2021 XP2021-12 "
        "XSOURCEcabar.asia XTsecurity XW2021 XW2021-05 XW2021-05-09 Z9 Zmay Zmet Zon Ztaliban "
        "Zthe may[204] met[208] on[203] taliban[207] the[206]");
}

TEST_CASE("automatic annotations get no gold twin terms and are marked in the data",
          "[document_builder]") {
  Fixture f;
  // The Taliban mention, the security theme and the date are the annotator's; the rest is gold
  // (usa is the editors' document-level label, source reuters).
  f.doc.entities[1].source = "auto";
  f.doc.themes[1].source = "auto";
  f.doc.dates[0].source = "auto";
  DocumentBuilder builder(f.taxonomy);
  const auto units = builder.build(f.doc);
  REQUIRE(units.size() == 3);
  // Passage 1: gold tajikistan, usa, trade (and economy); security only under XT.
  CHECK(term_list(units[1].document) ==
        "Len Qd1#1 XAtajikistan XAusa XDOCd1 XGAtajikistan XGAusa XGMtajikistan[101] XGTeconomy "
        "XGTtrade XLEVELpassage XMtajikistan[101] XP2021 XP2021-12 "
        "XSOURCEcabar.asia XTeconomy XTsecurity XTtrade Zdushanb Ztrade dushanbe[101] "
        "trades[102]");
  // Passage 2: only usa is gold.
  CHECK(term_list(units[2].document) ==
        "9[205] Len Qd1#2 XAtaliban XAusa XDOCd1 XGAusa XLEVELpassage XMtaliban[207] XP2021 "
        "XP2021-12 XSOURCEcabar.asia XTsecurity XW2021 XW2021-05 XW2021-05-09 Z9 Zmay Zmet Zon "
        "Ztaliban Zthe may[204] met[208] on[203] taliban[207] the[206]");
  const auto& article = units[0].document;
  CHECK(article.get_value(schema::kSlotActors) == "tajikistan\ntaliban\nusa");
  CHECK(article.get_value(schema::kSlotGoldActors) == "tajikistan\nusa");
  CHECK(article.get_value(schema::kSlotThemes) == "economy\nsecurity\ntrade");
  CHECK(article.get_value(schema::kSlotGoldThemes) == "economy\ntrade");
  CHECK(units[2].document.get_value(schema::kSlotGoldActors) == "usa");
  CHECK(units[2].document.get_value(schema::kSlotGoldThemes).empty());
  // Mention counts (one each, as the XM positions above; usa is a label without mentions), the
  // automatic Taliban mention not in the gold slot.
  CHECK(article.get_value(schema::kSlotMentions) == "tajikistan\t1\ntaliban\t1");
  CHECK(article.get_value(schema::kSlotGoldMentions) == "tajikistan\t1");
  CHECK(units[1].document.get_value(schema::kSlotMentions) == "tajikistan\t1");
  CHECK(units[2].document.get_value(schema::kSlotMentions) == "taliban\t1");
  CHECK(units[2].document.get_value(schema::kSlotGoldMentions).empty());

  StoredUnit p2 = parse_stored_unit(units[2].document.get_data());
  REQUIRE(p2.mentions.size() == 1);
  CHECK(p2.mentions[0].automatic);
  REQUIRE(p2.dates.size() == 1);
  CHECK(p2.dates[0].automatic);
  CHECK(p2.auto_actors == std::vector<std::string>{"taliban"});
  CHECK(p2.auto_themes == std::vector<std::string>{"security"});
  keep_gold(p2);
  CHECK(p2.mentions.empty());
  CHECK(p2.dates.empty());
  CHECK(p2.actors == std::vector<std::string>{"usa"});
  CHECK(p2.themes.empty());
  const StoredUnit a = parse_stored_unit(article.get_data());
  CHECK(a.auto_actors == std::vector<std::string>{"taliban"});
}

TEST_CASE("units carry facet values and display data", "[document_builder]") {
  Fixture f;
  DocumentBuilder builder(f.taxonomy);
  const auto units = builder.build(f.doc);
  REQUIRE(units.size() == 3);
  const auto& article = units[0].document;
  CHECK(article.get_value(schema::kSlotDateFirst) == "20211201");
  CHECK(article.get_value(schema::kSlotDateLast) == "20211231");
  CHECK(article.get_value(schema::kSlotDate) == "2021-12");
  CHECK(article.get_value(schema::kSlotActors) == "tajikistan\ntaliban\nusa");
  CHECK(article.get_value(schema::kSlotThemes) == "economy\nsecurity\ntrade");
  CHECK(article.get_value(schema::kSlotHash) == content_hash(f.doc));
  CHECK(article.get_value(schema::kSlotHash).size() == 64);
  const StoredUnit a = parse_stored_unit(article.get_data());
  CHECK(a.passage == 0);
  CHECK(a.passages == 2);
  CHECK(a.themes == std::vector<std::string>{"security", "trade"});

  const auto& p2 = units[2].document;
  CHECK(p2.get_value(schema::kSlotActors) == "taliban\nusa");
  CHECK(p2.get_value(schema::kSlotThemes) == "security");
  CHECK(Xapian::sortable_unserialise(p2.get_value(schema::kSlotPassage)) == 2.0);
  const StoredUnit s2 = parse_stored_unit(p2.get_data());
  CHECK(s2.passage == 2);
  CHECK(s2.text == "On May 9 the Taliban met.");
  REQUIRE(s2.mentions.size() == 1);
  CHECK(s2.mentions[0].entity == "taliban");
  CHECK(s2.mentions[0].span.start == 13);
  CHECK(s2.mentions[0].span.end == 20);
  REQUIRE(s2.dates.size() == 1);
  CHECK(s2.dates[0].value == "2021-05-09");
  CHECK(s2.dates[0].span.start == 3);
  CHECK(s2.title == "Dushanbe trades");
  CHECK(s2.date == "2021-12");
}

TEST_CASE("a changed annotation changes the content hash", "[document_builder]") {
  Fixture f;
  const std::string before = content_hash(f.doc);
  f.doc.themes[1].weight = 0.6;
  CHECK(content_hash(f.doc) != before);
}

TEST_CASE("dates give the calendar blocks that contain them", "[document_builder]") {
  auto blocks = [](const char* text) {
    std::string out;
    for (const auto& b : enclosing_blocks(*DateRange::parse(text))) out += b + " ";
    return out;
  };
  CHECK(blocks("2021-11-28") == "2021 2021-11 2021-11-28 ");
  CHECK(blocks("2021-05") == "2021 2021-05 ");
  CHECK(blocks("2021") == "2021 ");
  CHECK(blocks("2021-10-01..2021-10-10") == "2021 2021-10 ");
  CHECK(blocks("2021-10-01..2021-10-31") == "2021 2021-10 ");
  CHECK(blocks("2021-10..2021-11") == "2021 ");
  CHECK(blocks("2021-01-01..2021-12-31") == "2021 ");
  CHECK(blocks("2021-12..2022-01") == "");
  CHECK(blocks("1987-02-26T15:01:01Z") == "1987 1987-02 1987-02-26 ");
}

TEST_CASE("mention counts encode and decode", "[document_builder][schema]") {
  const std::map<std::string, std::size_t> counts{{"a-b", 3}, {"taliban", 12}};
  CHECK(schema::encode_counts(counts) == "a-b\t3\ntaliban\t12");
  CHECK(schema::decode_counts("a-b\t3\ntaliban\t12") == counts);
  CHECK(schema::decode_counts("").empty());
  // Malformed entries are skipped, the others kept.
  CHECK(schema::decode_counts("x\ny\t\n\t4\nz\t2a\nok\t7") ==
        std::map<std::string, std::size_t>{{"ok", 7}});
}
