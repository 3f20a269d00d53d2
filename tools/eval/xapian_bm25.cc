// Plain Xapian BM25, the baseline of tools/eval/ranking.sh: indexes a JSON Lines corpus
// ({"id","title","text"}) with Xapian's TermGenerator (English stemmer, STEM_SOME: the title then
// the text, the same text annosearch indexes), then runs each line of a questions file through
// Xapian's QueryParser with its default operator (OR) and English stemming, and prints a run file:
// "QUERY DOCID RANK" (QUERY 1-based, DOCID the id without its "cran-" prefix), top 100.
//
// Usage: xapian_bm25 CORPUS.jsonl QUESTIONS.txt DBDIR > run.txt
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: xapian_bm25 CORPUS.jsonl QUESTIONS.txt DBDIR\n";
    return 2;
  }
  try {
    Xapian::WritableDatabase db(argv[3], Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    std::ifstream corpus(argv[1]);
    std::string line;
    while (std::getline(corpus, line)) {
      const auto j = nlohmann::json::parse(line);
      Xapian::Document doc;
      tg.set_document(doc);
      const std::string title = j.value("title", "");
      const std::string text = j.value("text", "");
      if (!title.empty() && title != text) {
        tg.index_text(title);
        tg.increase_termpos();
      }
      tg.index_text(text);
      std::string id = j.at("id").get<std::string>();
      doc.set_data(id.substr(id.find('-') + 1));
      doc.add_boolean_term("Q" + id);
      db.replace_document("Q" + id, doc);
    }
    db.commit();

    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_database(db);
    Xapian::Enquire enquire(db);
    std::ifstream questions(argv[2]);
    int n = 0;
    while (std::getline(questions, line)) {
      ++n;
      Xapian::Query q;
      try {
        q = qp.parse_query(line);
      } catch (const Xapian::QueryParserError& e) {
        std::cerr << "question " << n << ": " << e.get_msg() << "\n";
        continue;
      }
      enquire.set_query(q);
      const Xapian::MSet m = enquire.get_mset(0, 100);
      int rank = 0;
      for (auto it = m.begin(); it != m.end(); ++it) {
        std::cout << n << ' ' << it.get_document().get_data() << ' ' << ++rank << '\n';
      }
    }
  } catch (const Xapian::Error& e) {
    std::cerr << "xapian_bm25: " << e.get_description() << "\n";
    return 1;
  }
  return 0;
}
