change-merged-into = merged into { $name }
change-deleted = deleted
change-nothing = nothing
change-created = created
change-restored = restored after a merge
change-field-changed = { $field } changed
change-one-changed = { $noun } changed
change-n-changed = { $count } { $noun } changed
change-n-added = { $count } { $noun } added
change-n-removed = { $count } { $noun } removed
change-no-visible = no visible change
change-and-more = { $said }; and { $count } more
count-noun = { $count } { $noun }
list-and = { $head } and { $last }
and-more-facts =
    { $count ->
        [one] { $said } and 1 more fact
       *[other] { $said } and { $count } more facts
    }
change-with = { $start } with { $what }
history-of = History of { $name }
history-intro = Every change to it, newest first. A change's page shows what it did claim by claim; editors can revert it there.
history-none-older = No older changes.
reverts = reverts
change-number = change #{ $number }
history-older = Older changes
claims-changed = { $count } changed
claims-added = { $count } added
claims-removed = { $count } removed
claims-other-unchanged = { $count } other { $noun } unchanged
claims-other-lists-unchanged =
    { $count ->
        [one] 1 fact in another list unchanged
       *[other] { $count } facts in other lists unchanged
    }
edit-added = Added
edit-deleted = Deleted
edit-merged = Merged
edit-restored = Restored
edit-changed = Changed
change-title = Change #{ $number }
by = by
entities-changed =
    { $count ->
        [one] 1 entity changed
       *[other] { $count } entities changed
    }
change-as-json = the change as JSON
change-revert = Revert this change
merged-into-before = Merged into
merged-into-after = : its facts are there now, and its address leads there.
change-nothing-seen = Nothing a reader sees changed.
change-the-document = The document
diff-added = Added:
diff-removed = Removed:
diff-before = Before:
diff-after = After:
now-preferred = now the preferred value
no-longer-preferred = no longer the preferred value
diff-note = Note:
diff-removed-word = removed
diff-sources = Sources:
diff-added-lower = added:
diff-removed-lower = removed:
diff-quote = quote:
sources-unchanged = { $count } sources, unchanged
and-unchanged = and { $count } unchanged
n-more = { $count } more
documents-before-after = The documents, before and after
before = Before
after = After
and-more-entities =
    { $count ->
        [one] And 1 more entity:
       *[other] And { $count } more entities:
    }
change-whole-json = the whole change as JSON
duplicates-title = Possible duplicates
duplicates-intro = Entities of one kind whose names are spellings of one name: another romanization, Hangul and Latin, the other name order. A shared year, or films and people both are linked with, is further evidence. Editors merge them here, and members propose the merge to them; the merged id then redirects, and the merge is a change in the history that can be reverted. From the command line:
none-found = None found.
keep = Keep
why-one = Why they are one
merge-others = Merge the others into it
propose-merge-others = Propose merging the others into it
duplicate-spellings = names are spellings of one name
duplicate-same-year = ; same year
duplicate-linked = ; both linked with { $names }
duplicate-linked-more = ; both linked with { $names } and { $more } more
picture-summary-add = Add a { $role }
picture-summary-remove = Remove a { $role }
picture-summary-first = Show this { $role } first
change-by = change #{ $number } by { $author }, “{ $summary }”
proposal-entity-gone = its entity is gone
