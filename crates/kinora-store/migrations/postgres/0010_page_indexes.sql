-- A film's reviews, ratings and similar films include those of the films
-- merged into it: the merged ones are found by where they redirect, which
-- needs its own index once the catalog is large (a scan of every film
-- otherwise, three times a page).
create index entity_by_redirect on entity (kind, redirect_to) where redirect_to is not null;

-- The entities added last, for the home page.
create index entity_by_created on entity (kind, created_at);
