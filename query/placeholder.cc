// Placeholder translation unit until the first query source lands.
