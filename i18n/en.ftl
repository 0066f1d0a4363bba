# Placard's built-in interface strings in English, the source language.
#
# A site can change any of these, or add its own, in i18n/en.ftl under the site root: write
# only the messages you want to change. Fluent syntax: https://projectfluent.org/fluent/guide/
#
# Variables such as { $count } are filled in by Placard. Numbers arrive already in the reader's
# number format; { $year } is always plain digits.

## Navigation and page furniture

skip-to-content = Skip to content
# The accessible name of the main navigation, read out by screen readers.
nav-label = Main menu
nav-home = Home
nav-overview = Overview
nav-people = People
nav-timeline = Timeline
nav-legal = Legal analysis
nav-act = Take action
nav-sources = Sources
nav-about = About

## Languages

language-switcher-label = Language
# Shown next to a language in the switcher when this page is not yet translated into it.
language-fallback-marker = not yet translated
language-chooser-title = Choose a language

## Footer

# $publisher: the organisation that publishes the site
footer-published-by = Published by { $publisher }
footer-privacy = This site sets no cookies and loads nothing from other sites.

## Notices about translations

# Shown on a page of this language that displays the English original because no translation
# exists yet. (English pages are originals, so the English text is never shown.)
notice-fallback = This page has not been translated yet: you are reading the English original.
notice-stale = This translation is out of date: the English original has changed since it was translated.
notice-stale-link = Read the current original
translation-of = Translated from the English original

## Key figures and people

# An event dated after the day the site was built.
upcoming = Upcoming
# $count: number of people
figure-detained =
    { $count ->
        [one] { $count } person detained
       *[other] { $count } people detained
    }
# $count: number of people
figure-custody = { $count } in pre-trial custody
# $count: number of people
figure-house-arrest = { $count } under house arrest
# $days: whole days from the day of detention to the day the site was built
days-since-detention =
    { $days ->
        [one] { $days } day since detention
       *[other] { $days } days since detention
    }
# $date: a formatted date
detained-on = Detained on { $date }
# $date: the date of the latest report the facts rest on
facts-as-of = Facts as last reported on { $date }

case-status-investigation = Under investigation
case-status-trial = On trial
case-status-appeal = On appeal
case-status-closed = Closed
case-status-ongoing = Ongoing

person-status-custody = In pre-trial custody
person-status-house-arrest = Under house arrest
person-status-administrative-detention = In administrative detention
person-status-fined = Fined
person-status-charged = Charged, at liberty
person-status-sentenced = Sentenced to imprisonment
person-status-released = Released
person-status-whereabouts-unknown = Whereabouts unknown
person-status-in-exile = In exile

people-group-related = Also concerned
# $count: number of people
people-count =
    { $count ->
        [one] { $count } person
       *[other] { $count } people
    }
# Shown instead of the name of a person who asked not to be named.
person-anonymous = Name withheld
person-charges = Charges
person-events = In the timeline
person-sources = Sources
# $credit: who took or owns the photo
person-photo-credit = Photo: { $credit }

## Kinds of events in the timeline

event-kind-protest = Protest
event-kind-detention = Detention
event-kind-sentence = Sentence
event-kind-fine = Fine
event-kind-charge = Charge
event-kind-custody = Remanded in custody
event-kind-house-arrest = House arrest
event-kind-extension = Custody extended
event-kind-hearing = Hearing
event-kind-verdict = Verdict
event-kind-release = Release
event-kind-statement = Statement
event-kind-diplomatic-note = Diplomatic note
event-kind-investigation = Investigation
event-kind-disappearance = Disappearance
event-kind-citizenship = Citizenship
event-kind-prosecution = Prosecution
event-kind-opinion = Legal opinion
event-kind-harassment = Harassment
event-kind-other = Other

## Dates
##
## Dates known to the day or the month are formatted from CLDR ("13 November 2025",
## "November 2025"). The messages below cover the rest.
##
## Variables of the date-qualifier-* messages:
##   $date       the date formatted as it would be shown alone
##   $precision  day, month, year or season: how much of the date is known
##   $year       the year, as plain digits
##   $month      the month, 1 to 12 (day and month precision only)
##   $day        the day of the month (day precision only)
##   $season     spring, summer, autumn or winter (season precision only)

# A date known only to the year.
date-year = { $year }

date-season-spring = spring { $year }
date-season-summer = summer { $year }
date-season-autumn = autumn { $year }
date-season-winter = winter { $year }

date-qualifier-about = around { $date }
date-qualifier-after = after { $date }
date-qualifier-before = before { $date }
date-qualifier-by = by { $date }
date-qualifier-early =
    { $precision ->
        [day] { $date }
       *[other] early { $date }
    }
date-qualifier-mid =
    { $precision ->
        [day] { $date }
       *[other] mid-{ $date }
    }
date-qualifier-late =
    { $precision ->
        [day] { $date }
       *[other] late { $date }
    }

## Page titles

page-people-title = People
page-timeline-title = Timeline
page-legal-title = Legal analysis
page-act-title = Take action
page-sources-title = Sources
page-not-found-title = Page not found
page-not-found-text = There is no page at this address. It may have moved, or the link may be mistyped.
page-not-found-home = Go to the home page

## Legal analysis

legal-charge = Charge
# Heading over the international standards a national provision is set against.
legal-engages = Set against
# $penalty: e.g. "up to 10 years' imprisonment"
legal-max-penalty = Maximum penalty: { $penalty }
legal-national = National law
legal-international = International standards
legal-read-analysis = Read the analysis

## Taking action

act-demands = Our demands
act-share = Share this page
# Text offered with a share link. $title: the page title
act-share-text = { $title } — please read and share
act-copy-link = Copy link
act-copied = Link copied

## Sources and feeds

# $publisher: who published the source; $date: when
source-published = { $publisher }, { $date }
sources-cited-by = Cited on
read-more = Read more
# $site: the site title
feed-title = { $site }: updates

# The label of the link back from a footnote to where it is cited; $ref is its number.
footnote-backref = Back to reference { $ref }
