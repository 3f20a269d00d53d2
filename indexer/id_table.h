// The document ids a build has read, each with where it was first seen: the one piece of reading
// state that grows with the input (duplicate ids are errors naming the first occurrence).
//
// A std::unordered_map<std::string, location> takes 80 bytes of heap an id of 11 characters and
// 144 of 47 (node, cached hash, string, bucket; docs/performance.md, "The ids read"), which made
// it the part of a build's memory that grows with the archive: 87 MiB at 1,000,000 articles. This
// table keeps each id once in large blocks, beside its location, and an open-addressing array of
// pointers to them: about 16 bytes plus the id's length, plus 11 to 23 for the array.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace annosearch {

class IdTable {
 public:
  struct Where {
    std::uint32_t file = 0;
    std::uint64_t line = 0;
  };

  // Adds `id`, first seen at `where`, and returns nothing; if `id` is already in the table,
  // returns where it was first seen and leaves the table as it was.
  std::optional<Where> insert(std::string_view id, Where where);

  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  const char* store(std::string_view id, Where where);
  void grow();

  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_size_ = 0;      // the size of the last block
  std::size_t used_ = 0;            // bytes used in the last block
  std::vector<const char*> slots_;  // records (null: empty); the size is a power of two
  std::size_t size_ = 0;
};

}  // namespace annosearch
