// The brat importer: brat standoff annotation (a .txt file and the .ann beside it) to corpus
// documents and registry entities.
//
// Text-bound annotations `T1<TAB>Person 0 5;7 9<TAB>text` become mentions (one per fragment) of an
// entity; normalisations `N1<TAB>Reference T1 Wikidata:Q42<TAB>Name` say which registry entity.
// brat offsets count Unicode code points, as the corpus format does, so they carry over unchanged.
// Notes (#), attributes (A, M), relations (R, *) and events (E) have no place in the corpus format:
// they are skipped and counted.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/document.h"
#include "indexer/import_common.h"

namespace annosearch {

// A brat entity type to a registry type: Person -> PERSON, Organization -> ORG, Location -> LOC,
// GPE -> GPE, NORP, Event, Facility/FAC; anything else -> OTHER. Case-insensitive.
[[nodiscard]] std::string brat_entity_type(std::string_view brat_type);

// Turns .txt/.ann pairs into documents, and collects the registry entities they need.
//
// Which entity a T annotation is a mention of:
// - with an N to `Wikidata:Q42`: the entity of the --registry files whose wikidata is Q42, else a
//   new entity `wd-q42`;
// - with an N to any other `DB:KEY`: the entity whose id is KEY lowercased (sanitised; a numeric
//   KEY gets the database as a prefix: `GeoNames:1221874` -> `geonames-1221874`);
// - without an N: an entity made from the type and the text (`person-emomali-rahmon`).
// Entities that are not in the --registry files are written to the output registry, named after
// the N's name (else the first mention's text), with the other mention texts as aliases.
// Not thread-safe.
class BratImporter {
 public:
  // `external`: the --registry entities (not written out; pass them to `build --registry` too).
  BratImporter(const ImportOptions& options, Registry external);

  // Reads `txt` and the .ann beside it (a missing .ann is a warning: no annotations). nullopt if
  // the text cannot be read, is not UTF-8 or gives no id (errors). A bad annotation line is an
  // error and is skipped; the document is still returned.
  [[nodiscard]] std::optional<Document> read(const std::filesystem::path& txt,
                                             DiagnosticReporter& reporter);

  // The entities made so far for the annotations (those not in the external registry).
  [[nodiscard]] const Registry& registry() const { return registry_; }
  // Annotation lines skipped because the corpus format has no place for them.
  [[nodiscard]] std::size_t ignored() const { return ignored_; }

 private:
  std::string resolve_reference(const std::string& reference, const std::string& name,
                                const std::string& mention, const std::string& type);
  void define(const std::string& id, const std::string& name, const std::string& type,
              const std::string& wikidata);
  void add_alias(const std::string& id, const std::string& mention);

  const ImportOptions& options_;
  Registry external_;
  std::map<std::string, std::string> external_by_wikidata_;  // "Q42" -> id
  Registry registry_;
  std::size_t ignored_ = 0;
};

// Imports brat: inputs are .txt files (or their .ann) or directories (their *.txt, recursively, in
// path order). Document id: the file stem. Duplicate ids are errors (the first file keeps the id).
// Writes the documents and the registry of the entities they need (an empty taxonomy) and calls
// writer.finish().
ImportResult import_brat(const ImportOptions& options, CorpusWriter& writer,
                         const ImportHooks& hooks);

}  // namespace annosearch
