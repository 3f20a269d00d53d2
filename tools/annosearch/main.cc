// The `annosearch` command: wires the subcommands together and maps failures to exit codes.
#include <cstdio>
#include <iostream>

#include <unicode/uversion.h>
#include <xapian.h>

#include "core/error.h"
#include "core/schema.h"
#include "core/version.h"
#include "tools/annosearch/common.h"

namespace {

std::string version_text() {
  return std::string("annosearch ") + annosearch::kVersion + "\nindex schema version " +
         std::to_string(annosearch::schema::kSchemaVersion) + "\nXapian " +
         Xapian::version_string() + "\nICU " + U_ICU_VERSION;
}

}  // namespace

int main(int argc, char** argv) {
  using annosearch::ExitCode;
  CLI::App app{
      "annosearch: full-text search for annotated news archives.\n"
      "Search by actor, date and theme with exact facet counts.",
      "annosearch"};
  app.set_version_flag("--version", version_text(),
                       "Print the version, the Xapian and ICU "
                       "versions and the index schema version");
  app.require_subcommand(1);
  annosearch::cli::Context ctx;
  annosearch::cli::register_validate(app, ctx);
  annosearch::cli::register_build(app, ctx);
  annosearch::cli::register_search(app, ctx);
  annosearch::cli::register_stats(app, ctx);
  annosearch::cli::register_entities(app, ctx);
  annosearch::cli::register_import(app, ctx);
  annosearch::cli::register_update(app, ctx);
  annosearch::cli::register_verify(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version are "errors" that succeed; print them as CLI11 does.
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "annosearch: " << e.what() << "; see `annosearch --help` or `annosearch "
              << "COMMAND --help`\n";
    return static_cast<int>(ExitCode::kUsage);
  } catch (const annosearch::Error& e) {
    std::cout.flush();
    std::cerr << "annosearch: " << e.what() << '\n';
    return static_cast<int>(e.exit_code());
  } catch (const Xapian::DatabaseLockError& e) {
    std::cerr << "annosearch: the index is locked by another writer: " << e.get_msg() << '\n';
    return static_cast<int>(ExitCode::kIndex);
  } catch (const Xapian::DatabaseError& e) {
    std::cerr << "annosearch: index error: " << e.get_description()
              << "; check the --index path, or rebuild with `annosearch build`\n";
    return static_cast<int>(ExitCode::kIndex);
  } catch (const Xapian::Error& e) {
    std::cerr << "annosearch: internal error: " << e.get_description() << '\n';
    return static_cast<int>(ExitCode::kInternal);
  } catch (const std::exception& e) {
    std::cerr << "annosearch: internal error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::kInternal);
  }
  return ctx.exit_code;
}
