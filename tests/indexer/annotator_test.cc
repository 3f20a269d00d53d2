// The annotator's rules, one small hand-made example each; every expected span and link was
// counted by hand (code points, end exclusive).
#include "indexer/annotator.h"

#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace annosearch;

namespace {

Entity entity(const std::string& id, const std::string& name, const std::string& type,
              std::vector<std::string> aliases, std::vector<Relation> related = {}) {
  Entity e;
  e.id = id;
  e.name = name;
  e.type = type;
  e.aliases = std::move(aliases);
  e.related = std::move(related);
  return e;
}

Registry test_registry() {
  Registry r;
  r.put(entity("tajikistan", "Tajikistan", "GPE", {"Tajik", "Tajikistani", "Dushanbe"},
               {{"capital", "dushanbe"}}));
  r.put(entity("dushanbe", "Dushanbe", "GPE", {}, {{"capital-of", "tajikistan"}}));
  r.put(entity("tajiks", "Tajiks", "NORP", {"Tajik", "Tajikistani", "Tajik people"},
               {{"associated-with", "tajikistan"}}));
  r.put(entity("uzbeks", "Uzbeks", "NORP", {"Uzbek"}, {{"associated-with", "uzbekistan"}}));
  r.put(entity("uzbekistan", "Uzbekistan", "GPE", {"Uzbek"}));
  r.put(entity("tajik-language", "Tajik language", "LANGUAGE", {"Tajik"}));
  r.put(entity("russia", "Russia", "GPE", {"Russian", "Moscow"}));
  r.put(entity("russian-foreign-ministry", "Russian Foreign Ministry", "ORG", {},
               {{"part-of", "russia"}}));
  r.put(entity("emomali-rahmon", "Emomali Rahmon", "PERSON", {"Rahmon", "Rakhmon"}));
  r.put(entity("united-nations", "United Nations", "ORG", {"UN"}));
  r.put(entity("west", "the West", "LOC", {"West", "Western"}));
  r.put(entity("taliban", "Taliban", "ORG", {}));
  r.put(entity("kyrgyzstan", "Kyrgyzstan", "GPE", {"Kyrgyz"}));
  r.put(entity("afghanistan", "Afghanistan", "GPE", {"Kabul"}, {{"capital", "kabul"}}));
  r.put(entity("kabul", "Kabul", "GPE", {}, {{"capital-of", "afghanistan"}}));
  r.put(entity("kommersant", "Коммерсантъ", "ORG", {}));
  r.put(entity("georgia", "Georgia", "GPE", {}, {{"capital", "tbilisi"}}));
  r.put(entity("tbilisi", "Tbilisi", "GPE", {}, {{"capital-of", "georgia"}}));
  r.put(entity("georgia-us", "Georgia", "GPE", {}, {{"located-in", "united-states"}}));
  r.put(entity("united-states", "United States", "GPE", {"U.S."}));
  return r;
}

const Annotator& annotator() {
  static const Annotator kAnnotator(test_registry(), Taxonomy{});
  return kAnnotator;
}

// "id start end" for each mention, in order.
std::vector<std::string> found(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& f : annotator().find_entities(text)) {
    out.push_back(f.id + " " + std::to_string(f.span.start) + " " + std::to_string(f.span.end));
  }
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("annotator: names after the index's folding: case, width, possessive", "[annotator]") {
  // "Rahmon’s": the name is 0..6, the possessive stays outside.
  CHECK(found("Rahmon’s visit") == V{"emomali-rahmon 0 6"});
  CHECK(found("RAHMON said") == V{"emomali-rahmon 0 6"});
  // Full-width letters fold to the same word.
  CHECK(found("Ｒａｈｍｏｎ's visit") == V{"emomali-rahmon 0 6"});
  // "Emomali Rahmon" is one mention, not "Rahmon" inside it.
  CHECK(found("President Emomali Rahmon spoke") == V{"emomali-rahmon 10 24"});
}

TEST_CASE("annotator: longest match wins and spans never nest", "[annotator]") {
  // "the Russian Foreign Ministry said": 4..28, not Russia at 4..11.
  CHECK(found("the Russian Foreign Ministry said") == V{"russian-foreign-ministry 4 28"});
  CHECK(found("the Russian army") == V{"russia 4 11"});
}

TEST_CASE("annotator: case rules of aliases", "[annotator]") {
  CHECK(found("the UN said") == V{"united-nations 4 6"});
  CHECK(found("an un-named official").empty());  // "UN" needs capitals
  CHECK(found("the west wind").empty());         // "West" needs a capital
  CHECK(found("the U.S. said") == V{"united-states 4 7"});
}

TEST_CASE("annotator: a full stop inside a name only where its alias writes one", "[annotator]") {
  Registry r;
  r.put(entity("usa", "USA", "GPE", {"St. Louis", "New Town"}));
  const Annotator a(r, Taxonomy{});
  const auto spans = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const auto& f : a.find_entities(text)) {
      out.push_back(f.id + " " + std::to_string(f.span.start) + " " + std::to_string(f.span.end));
    }
    return out;
  };
  // "rose in St. Louis today": 8..17; a dateline in capitals; the alias without its stop.
  CHECK(spans("rose in St. Louis today") == V{"usa 8 17"});
  CHECK(spans("ST. LOUIS, March 3") == V{"usa 0 9"});
  CHECK(spans("in St Louis") == V{"usa 3 11"});
  // A full stop the alias does not write still ends a name: "New. Town" is not "New Town".
  CHECK(spans("the New. Town hall").empty());
  CHECK(spans("the New Town hall") == V{"usa 4 12"});
}

TEST_CASE("annotator: hyphenated compounds hold names", "[annotator]") {
  CHECK(found("anti-Taliban rhetoric") == V{"taliban 5 12"});
  // "the Tajik-Kyrgyz border": two mentions, both the states.
  CHECK(found("the Tajik-Kyrgyz border") == V{"tajikistan 4 9", "kyrgyzstan 10 16"});
}

TEST_CASE("annotator: a capital stands for its government unless it is a place", "[annotator]") {
  CHECK(found("Dushanbe keeps data classified") == V{"tajikistan 0 8"});
  CHECK(found("the new authorities in Dushanbe") == V{"tajikistan 23 31"});
  // "He traveled to Dushanbe": the city (15..23).
  CHECK(found("He traveled to Dushanbe") == V{"dushanbe 15 23"});
  CHECK(found("before taking over Dushanbe") == V{"dushanbe 19 27"});
  CHECK(found("Dushanbe airport") == V{"dushanbe 0 8"});
}

TEST_CASE("annotator: a capital is a place where an event happens, and at a route's ends",
          "[annotator]") {
  // An event word before "in"/"at" in the same clause: the event's place.
  CHECK(found("Ministers signed the treaty in Dushanbe") == V{"dushanbe 31 39"});
  CHECK(found("Talks in Dushanbe ended") == V{"dushanbe 9 17"});
  // Coordinated with such a place: both cities.
  CHECK(found("talks were held in Dushanbe and Kabul") == V{"dushanbe 19 27", "kabul 32 37"});
  // Not across a clause break, and not without an event: the governments.
  CHECK(found("After the summit, in Dushanbe the mood changed") == V{"tajikistan 21 29"});
  CHECK(found("the change of power in Dushanbe") == V{"tajikistan 23 31"});
  CHECK(found("In Dushanbe and Kabul, the news was taken") ==
        V{"tajikistan 3 11", "afghanistan 16 21"});
  // A route "from X to Y": its ends are places.
  CHECK(found("a road from Dushanbe to the border") == V{"dushanbe 12 20"});
  CHECK(found("trains from Termez to Dushanbe") == V{"dushanbe 22 30"});
  // "from" or "to" alone is not a route: the government.
  CHECK(found("support from Dushanbe") == V{"tajikistan 13 21"});
  CHECK(found("an envoy to Dushanbe") == V{"tajikistan 12 20"});
}

TEST_CASE("annotator: a demonym is the state unless it denotes people or the language",
          "[annotator]") {
  CHECK(found("Tajik authorities") == V{"tajikistan 0 5"});
  CHECK(found("Tajik citizens") == V{"tajiks 0 5"});
  // An alias with a common noun decides the link, the span keeps to the name: "the Tajik people".
  CHECK(found("the Tajik people") == V{"tajiks 4 9"});
  CHECK(found("ethnic Uzbeks and Tajik") == V{"uzbeks 7 13", "tajiks 18 23"});
  CHECK(found("Tajik language") == V{"tajik-language 0 5"});
  CHECK(found("Tajikistani natives") == V{"tajiks 0 11"});
  // "the West": the article stays outside the span.
  CHECK(found("convinced the West") == V{"west 14 18"});
}

TEST_CASE("annotator: a shared name goes to the entity whose relations the text names",
          "[annotator]") {
  // "Tbilisi" is named: Georgia the country (capital Tbilisi), at 13..20.
  CHECK(found("Tbilisi said Georgia will") == V{"tbilisi 0 7", "georgia 13 20"});
  // "United States" is named: Georgia the state (located-in united-states).
  CHECK(found("Atlanta in Georgia, United States") == V{"georgia-us 11 18", "united-states 20 33"});
}

TEST_CASE("annotator: names across scripts through transliteration", "[annotator]") {
  // Cyrillic "Рахмон" (Russian BGN: Rakhmon) finds the Latin alias.
  CHECK(found("Президент Рахмон заявил") == V{"emomali-rahmon 10 16"});
  // And the reverse: a Cyrillic-registered name found in Latin text.
  CHECK(found("the daily Kommersant reported") == V{"kommersant 10 20"});
}

TEST_CASE("annotator: provenance: gold is never overwritten or duplicated", "[annotator]") {
  Document doc;
  doc.id = "d";
  doc.date = PartialDate::parse("2021-12");
  doc.text = "Rahmon met the Russian Foreign Ministry in May.";
  // Gold: Rahmon at 0..6; and an entry for russia whose (wrong but gold) mention covers 15..22.
  doc.entities.push_back({"emomali-rahmon", {{0, 6}}, "gold", std::nullopt});
  doc.entities.push_back({"russia", {{15, 22}}, "gold", std::nullopt});
  const AnnotationCounts c = annotator().annotate(doc);
  // Nothing added: Rahmon is listed, the ministry overlaps a gold mention; one date.
  CHECK(c.entities == 0);
  CHECK(c.dates == 1);
  REQUIRE(doc.entities.size() == 2);
  CHECK(doc.entities[0].source == "gold");
  CHECK(doc.entities[1].mentions.size() == 1);
  REQUIRE(doc.dates.size() == 1);
  CHECK(doc.dates[0].source == "auto");
  CHECK(doc.dates[0].value.to_string() == "2021-05");
  CHECK(doc.dates[0].span.start == 43);
  CHECK(doc.dates[0].span.end == 46);

  Document fresh;
  fresh.id = "e";
  fresh.text = "Rahmon and the UN";
  annotator().annotate(fresh);
  REQUIRE(fresh.entities.size() == 2);
  CHECK(fresh.entities[0].id == "emomali-rahmon");
  CHECK(fresh.entities[0].source == "auto");
  REQUIRE(fresh.entities[0].confidence);
  CHECK(*fresh.entities[0].confidence > 0.5);
  CHECK(fresh.entities[1].id == "united-nations");
  CHECK(fresh.entities[1].mentions[0].start == 15);

  // Annotating twice adds nothing the second time.
  const AnnotationCounts again = annotator().annotate(fresh);
  CHECK(again.empty());
}

TEST_CASE("annotator: a dateline's place is a document-level entity", "[annotator]") {
  Document doc;
  doc.id = "d";
  doc.dateline = "DUSHANBE, March 3 -";
  doc.text = "Officials said the border would stay closed.";
  const AnnotationCounts c = annotator().annotate(doc);
  CHECK(c.entities == 1);
  REQUIRE(doc.entities.size() == 1);
  // Where the story was filed: the city (not its government), with no mention in the text.
  CHECK(doc.entities[0].id == "dushanbe");
  CHECK(doc.entities[0].mentions.empty());
  CHECK(doc.entities[0].source == "auto");
  // Only the part before the first comma is a place; a non-place entity there is not added.
  Document other;
  other.id = "e";
  other.dateline = "TALIBAN, March 3 -";
  other.text = "Nothing here.";
  annotator().annotate(other);
  CHECK(other.entities.empty());
  // An entity the text mentions keeps its mentions; the dateline adds nothing more.
  Document both;
  both.id = "f";
  both.dateline = "MOSCOW, May 1 -";
  both.text = "Russia said so.";
  annotator().annotate(both);
  REQUIRE(both.entities.size() == 1);
  CHECK(both.entities[0].id == "russia");
  CHECK(both.entities[0].mentions.size() == 1);
}

TEST_CASE("annotator: salience of places: dateline, title, first paragraph, twice, only one",
          "[annotator]") {
  Document doc;
  doc.id = "d";
  doc.dateline = "DUSHANBE, March 3 -";
  doc.title = "Border talks with Kyrgyzstan";
  // Paragraph 1 (0..38) names Uzbekistan; paragraph 2 from 39: "Russia" 39..45 once,
  // Afghanistan twice, Kyrgyzstan once (but in the title); Rahmon is a person, not a place.
  doc.text =
      "Uzbekistan said the talks would go on.\n"
      "Russia and Afghanistan were named. Kyrgyzstan agreed. Afghanistan too. Rahmon left.";
  annotator().annotate(doc);
  std::map<std::string, const EntityAnnotation*> by_id;
  for (const auto& e : doc.entities) by_id[e.id] = &e;
  REQUIRE(by_id.size() == 6);
  CHECK(by_id["dushanbe"]->salient);        // the dateline
  CHECK(by_id["kyrgyzstan"]->salient);      // the title
  CHECK(by_id["uzbekistan"]->salient);      // the first paragraph
  CHECK(by_id["afghanistan"]->salient);     // named twice
  CHECK_FALSE(by_id["russia"]->salient);    // once, in passing
  CHECK(by_id["emomali-rahmon"]->salient);  // not a place: the rule leaves it alone
  // Its mention stays: salience concerns the document-level list only.
  REQUIRE(by_id["russia"]->mentions.size() == 1);
  CHECK(by_id["russia"]->mentions[0].start == 39);
  CHECK(by_id["russia"]->mentions[0].end == 45);

  // The only place a document names is what it is about, wherever it is named.
  Document only;
  only.id = "e";
  only.text = "Markets were calm.\nLater Rahmon said Russia would wait.";
  annotator().annotate(only);
  REQUIRE(only.entities.size() == 2);
  for (const auto& e : only.entities) CHECK(e.salient);
  // Two places named once each after the first paragraph: both in passing.
  Document two;
  two.id = "f";
  two.text = "Markets were calm.\nRussia and Uzbekistan said nothing.";
  annotator().annotate(two);
  REQUIRE(two.entities.size() == 2);
  for (const auto& e : two.entities) CHECK_FALSE(e.salient);
  // A place in the dateline that the text also names once in passing: the dateline decides.
  Document filed;
  filed.id = "g";
  filed.dateline = "MOSCOW, May 1 -";
  filed.text = "Markets were calm.\nUzbekistan and Russia said nothing.";
  annotator().annotate(filed);
  REQUIRE(filed.entities.size() == 2);
  CHECK(filed.entities[0].id == "russia");
  CHECK(filed.entities[0].mentions.size() == 1);
  CHECK(filed.entities[0].salient);
  CHECK(filed.entities[1].id == "uzbekistan");
  CHECK_FALSE(filed.entities[1].salient);
}

TEST_CASE("annotator: unknown capitalised names are candidates", "[annotator]") {
  std::map<std::string, NameCandidate> into;
  annotator().collect_candidates(
      "Rahmon met Ali Khamenei in Tehran. Later Ali Khamenei spoke. However, it rained.", into);
  REQUIRE(into.count("Ali Khamenei") == 1);
  CHECK(into["Ali Khamenei"].count == 2);
  CHECK(into.count("Tehran") == 1);
  CHECK(into.count("Rahmon") == 0);   // a registry name
  CHECK(into.count("However") == 0);  // a capital at the start of a sentence
  CHECK(into.count("Later") == 0);
}

TEST_CASE("annotator: passage themes from the taxonomy's keywords", "[annotator]") {
  Taxonomy tax;
  Theme humanitarian;
  humanitarian.id = "humanitarian";
  humanitarian.label = "Humanitarian";
  humanitarian.keywords = {"humanitarian"};
  tax.put(humanitarian);
  Theme refugees;
  refugees.id = "refugees";
  refugees.label = "Refugees";
  refugees.parent = "humanitarian";
  refugees.keywords = {"refugee*", "asylum seekers"};
  tax.put(refugees);
  Theme trade;
  trade.id = "trade";
  trade.label = "Trade";
  trade.keywords = {"trade", "exports"};
  tax.put(trade);
  const Annotator a(Registry{}, tax);
  // Passage 1: trade (2 hits); 2: refugees and humanitarian, so the child only; 3: no evidence,
  // so the document's leading theme.
  const std::string text =
      "Trade grew and exports rose.\nA humanitarian crisis: Refugees and asylum seekers.\nIt "
      "rained.";
  const auto themes = a.find_themes(text);
  std::map<std::string, std::vector<int>> by_id;
  for (const auto& t : themes) by_id[t.id] = t.passages;
  // refugees: "Refugees" (1) + "asylum seekers" (a phrase, 2) = 3 > trade 2: passage 3 leads to
  // refugees.
  CHECK(by_id["trade"] == std::vector<int>{1});
  CHECK(by_id["refugees"] == std::vector<int>{2, 3});
  CHECK(by_id.count("humanitarian") == 0);
  for (const auto& t : themes) CHECK(t.source == "auto");
}

TEST_CASE("annotator: a shared name without evidence either way is left out", "[annotator]") {
  // Two entities named Georgia and nothing related named: no mention.
  CHECK(found("Georgia said").empty());
}
