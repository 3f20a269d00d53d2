// JSON forms of the document model (corpus format v1, docs/corpus-format.md).
//
// These conversions trust their input's shape: they are for data annosearch wrote itself (index
// metadata, importer output). Reading user input with per-field diagnostics is indexer/reader.h.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/document.h"

namespace annosearch {

[[nodiscard]] nlohmann::ordered_json to_json(const Document& doc);
[[nodiscard]] nlohmann::ordered_json to_json(const Entity& entity);
[[nodiscard]] nlohmann::ordered_json to_json(const Theme& theme);

// Throw Error(kInput) with the field name when a required field is missing or of the wrong type.
[[nodiscard]] Entity entity_from_json(const nlohmann::json& j);
[[nodiscard]] Theme theme_from_json(const nlohmann::json& j);

// The registry and taxonomy as one JSON array each (how the index stores them in metadata).
[[nodiscard]] std::string registry_to_string(const Registry& registry);
[[nodiscard]] Registry registry_from_string(const std::string& json_array);
[[nodiscard]] std::string taxonomy_to_string(const Taxonomy& taxonomy);
[[nodiscard]] Taxonomy taxonomy_from_string(const std::string& json_array);

}  // namespace annosearch
