// docs/schema.md must describe core/schema.h: every constant appears there with its value.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "core/schema.h"
#include "tests/support/run.h"

namespace sc = annosearch::schema;

TEST_CASE("docs/schema.md names every schema constant with its value", "[schema]") {
  const std::string doc =
      annosearch::test::read_file(annosearch::test::source_path("docs/schema.md"));
  REQUIRE_FALSE(doc.empty());
  auto row = [&](const std::string& name, const std::string& value) {
    INFO(name << " = " << value);
    CHECK(doc.find("| `" + name + "` | `" + value + "` |") != std::string::npos);
  };
  row("kPrefixUid", std::string(sc::kPrefixUid));
  row("kPrefixDoc", std::string(sc::kPrefixDoc));
  row("kTermArticle", std::string(sc::kTermArticle));
  row("kTermPassage", std::string(sc::kTermPassage));
  row("kPrefixActor", std::string(sc::kPrefixActor));
  row("kPrefixMention", std::string(sc::kPrefixMention));
  row("kPrefixTheme", std::string(sc::kPrefixTheme));
  row("kPrefixPubDate", std::string(sc::kPrefixPubDate));
  row("kPrefixWhen", std::string(sc::kPrefixWhen));
  row("kPrefixLanguage", std::string(sc::kPrefixLanguage));
  row("kPrefixSource", std::string(sc::kPrefixSource));
  row("kPrefixStem", std::string(sc::kPrefixStem));
  row("kPrefixGoldActor", std::string(sc::kPrefixGoldActor));
  row("kPrefixGoldMention", std::string(sc::kPrefixGoldMention));
  row("kPrefixGoldTheme", std::string(sc::kPrefixGoldTheme));
  row("kPrefixGoldWhen", std::string(sc::kPrefixGoldWhen));
  auto slot = [&](const std::string& name, Xapian::valueno value) {
    INFO(name << " = " << value);
    CHECK(doc.find("| `" + name + "` | " + std::to_string(value) + " |") != std::string::npos);
  };
  slot("kSlotDateFirst", sc::kSlotDateFirst);
  slot("kSlotDateLast", sc::kSlotDateLast);
  slot("kSlotDate", sc::kSlotDate);
  slot("kSlotActors", sc::kSlotActors);
  slot("kSlotThemes", sc::kSlotThemes);
  slot("kSlotHash", sc::kSlotHash);
  slot("kSlotPassage", sc::kSlotPassage);
  slot("kSlotGoldActors", sc::kSlotGoldActors);
  slot("kSlotGoldThemes", sc::kSlotGoldThemes);
  slot("kSlotMentions", sc::kSlotMentions);
  slot("kSlotGoldMentions", sc::kSlotGoldMentions);
  row("kMetaSchemaVersion", std::string(sc::kMetaSchemaVersion));
  row("kMetaRegistry", std::string(sc::kMetaRegistry));
  row("kMetaRegistryVersion", std::string(sc::kMetaRegistryVersion));
  row("kMetaTaxonomy", std::string(sc::kMetaTaxonomy));
  row("kMetaTaxonomyVersion", std::string(sc::kMetaTaxonomyVersion));
  row("kMetaArticleCount", std::string(sc::kMetaArticleCount));
  row("kMetaPassageCount", std::string(sc::kMetaPassageCount));
  row("kMetaLanguages", std::string(sc::kMetaLanguages));
  row("kMetaEntityPrefix", std::string(sc::kMetaEntityPrefix));
  row("kMetaNamePrefix", std::string(sc::kMetaNamePrefix));
  row("kMetaAliasPrefix", std::string(sc::kMetaAliasPrefix));
  row("kMetaLatinPrefix", std::string(sc::kMetaLatinPrefix));
  row("kMetaNamedByPrefix", std::string(sc::kMetaNamedByPrefix));
  row("kMetaEntityCount", std::string(sc::kMetaEntityCount));
  row("kMetaEntityTypes", std::string(sc::kMetaEntityTypes));
  row("kMetaWriter", std::string(sc::kMetaWriter));
  row("kMetaBuiltAt", std::string(sc::kMetaBuiltAt));
  CHECK(doc.find("# The index schema (version " + std::to_string(sc::kSchemaVersion) + ")") !=
        std::string::npos);
}
