// A temporary directory removed when the object goes out of scope.
#pragma once

#include <filesystem>
#include <string>

namespace annosearch::test {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::string str(const std::string& child = "") const;
  // Writes a file below the directory (creating parent folders) and returns its path.
  std::string write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

}  // namespace annosearch::test
