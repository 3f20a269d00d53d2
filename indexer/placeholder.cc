// Placeholder translation unit until the first indexer source lands.
