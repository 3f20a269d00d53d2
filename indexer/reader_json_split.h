// Splits a .json file into its records (one document, or the elements of an array of documents or
// themes) without parsing the file whole, so that a large array streams and a broken record does
// not hide the others. Private to indexer/reader.cc.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <string>

#include "core/error.h"

namespace annosearch::reader_detail {

enum class JsonFileShape {
  kDocuments,  // one value (a document), or an array of documents
  kThemes,     // {"themes": [...]} or a bare array of themes
};

// Called with each record's raw text (not yet validated as JSON), the 1-based line it starts on and
// the 1-based column (in code points) of its first character on that line.
using RecordFn = std::function<void(std::string&& text, std::size_t line, std::size_t column)>;
// Called for a problem with the file's structure (outside any record): line, severity, field
// (empty, or the unknown key of a themes file) and message.
using StructureProblemFn = std::function<void(
    std::size_t line, Severity severity, const std::string& field, const std::string& message)>;

// Reads the stream to its end. Records are found by matching brackets outside strings; each record
// must then be parsed by the caller, which reports its syntax errors. After a structural problem
// (e.g. a missing ',' between two records) the rest of the file is skipped.
void split_json_records(std::istream& in, JsonFileShape shape, const RecordFn& on_record,
                        const StructureProblemFn& on_problem);

}  // namespace annosearch::reader_detail
