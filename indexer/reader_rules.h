// The field rules of corpus format v1 (docs/corpus-format.md): checking one parsed record (a
// document, a registry entity or a theme) and converting it to the core model. Private to
// indexer/reader.cc; the cross-record rules (unique ids, related and parent ids) live there.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/document.h"
#include "indexer/reader.h"

namespace annosearch::reader_detail {

// Where diagnostics of the record being checked go, and how many errors it had.
struct RecordSink {
  Diagnostics& diagnostics;
  std::string file;  // empty for standard input
  std::size_t line = 0;
  std::string id;  // the record's id once known
  std::size_t errors = 0;
  // Column (code points, 1-based) where the record starts on its first line: an element of a .json
  // array may start mid-line, and a syntax error on that line is counted from the line's start.
  std::size_t column = 1;

  void error(const std::string& field, const std::string& message);
  void warning(const std::string& field, const std::string& message);
};

// What one raw record is, for messages ("of the line" in JSON Lines, "of the record" in .json).
enum class RecordUnit { kLine, kRecord };

// Checks the raw bytes are UTF-8, then parses them. On failure reports one error and returns
// nullopt. Positions in messages are physical: sink.line is the line the record starts on.
[[nodiscard]] std::optional<nlohmann::json> parse_record(const std::string& raw, RecordUnit unit,
                                                         RecordSink& sink);

// Ids of documents and entities: letters, digits and ._:/- (non-empty).
[[nodiscard]] bool is_valid_id(std::string_view id);

// Sets sink.id from the record's "id" when it is a string, so every later diagnostic names it.
void take_id(const nlohmann::json& record, RecordSink& sink);

// Field checks of one registry entity. Returns the entity when its id is usable (other fields may
// have had errors: they are reported, and left empty), nullopt otherwise.
[[nodiscard]] std::optional<Entity> check_entity(const nlohmann::json& record, RecordSink& sink);

// Field checks of one theme; as check_entity.
[[nodiscard]] std::optional<Theme> check_theme(const nlohmann::json& record, RecordSink& sink);

// Field checks of documents against a registry and a taxonomy. Keeps the folded names of the
// entities it has seen (bounded by the registry), not the documents.
class DocumentChecker {
 public:
  DocumentChecker(const Registry& registry, const Taxonomy& taxonomy)
      : registry_(registry), taxonomy_(taxonomy) {}

  // Checks every field of one document (id uniqueness is the caller's) and returns it; the
  // document is valid when sink.errors did not grow.
  [[nodiscard]] Document check(const nlohmann::json& record, RecordSink& sink);

 private:
  const std::set<std::string>& folded_names(const Entity& entity);

  const Registry& registry_;
  const Taxonomy& taxonomy_;
  std::map<std::string, std::set<std::string>> folded_names_;  // by entity id
};

}  // namespace annosearch::reader_detail
