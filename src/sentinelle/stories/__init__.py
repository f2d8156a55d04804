"""Stories: the mentions about one incident across sources, and their risk of spreading."""
