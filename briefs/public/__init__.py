"""What readers see (app label `public`): pages, feeds, sitemap, search and the page cache."""
