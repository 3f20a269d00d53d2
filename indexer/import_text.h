// The plain-text importer: each UTF-8 text file becomes one document, its id made from the file
// name, its title the first line, its text the file's content (each line a paragraph).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/document.h"
#include "indexer/import_common.h"

namespace annosearch {

// Reads one text file into a document: id from the file stem (sanitize_id), title the first line
// (trimmed), text the content with "\r\n" made "\n", a leading byte-order mark and trailing blank
// lines removed. Invalid UTF-8 is replaced by U+FFFD and reported as an error (the document is
// still returned); an unreadable or empty file, or a name with nothing usable as an id, is an
// error and gives nullopt.
[[nodiscard]] std::optional<Document> read_text_document(const std::filesystem::path& path,
                                                         const ImportOptions& options,
                                                         DiagnosticReporter& reporter);

// Imports plain text: inputs are files (any name) or directories (their *.txt files, recursively,
// in path order). Duplicate ids are errors; the first file keeps the id. Writes an empty registry
// and taxonomy beside the documents and calls writer.finish().
ImportResult import_text(const ImportOptions& options, CorpusWriter& writer,
                         const ImportHooks& hooks);

}  // namespace annosearch
