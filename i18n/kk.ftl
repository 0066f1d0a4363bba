# Placard интерфейсінің қазақ тіліндегі кірістірілген жолдары.
#
# Сайт олардың кез келгенін өзгерте алады немесе өз жолдарын қоса алады: ол үшін сайт
# түбіріндегі i18n/kk.ftl файлына тек өзгерткіңіз келген хабарларды жазыңыз.
# Fluent синтаксисі: https://projectfluent.org/fluent/guide/
#
# Сандар қазақша пішімде келеді («1 234»). Сан есімнен кейін зат есім көпше түрге
# түспейтіндіктен («19 адам»), көптік түрлерін ([one], [other]) таңдау әдетте қажет емес.
# «ж.» алдында CLDR күндеріндегідей жіңішке бөлінбейтін бос орын (U+202F) тұр.

## Навигация

skip-to-content = Негізгі мазмұнға өту
nav-label = Негізгі мәзір
nav-home = Басты бет
nav-overview = Шолу
nav-people = Адамдар
nav-timeline = Хроника
nav-legal = Құқықтық талдау
nav-act = Көмектесу
nav-sources = Дереккөздер
nav-about = Жоба туралы

## Тілдер

language-switcher-label = Тіл
language-fallback-marker = әлі аударылмаған
language-chooser-title = Тілді таңдаңыз

## Төменгі деректеме

footer-published-by = Жариялаған: { $publisher }
footer-privacy = Бұл сайт cookie файлдарын орнатпайды және басқа сайттардан ештеңе жүктемейді.

## Аударма туралы ескертулер

notice-fallback = Бұл бет әлі қазақ тіліне аударылмаған — сіз ағылшын тіліндегі түпнұсқаны оқып отырсыз.
notice-stale = Бұл аударма ескірген: аударылғаннан кейін ағылшын тіліндегі түпнұсқа өзгерді.
notice-stale-link = Түпнұсқаның қазіргі нұсқасын оқу
translation-of = Ағылшын тіліндегі түпнұсқадан аударылған

## Негізгі сандар және адамдар

upcoming = Алдағы
figure-detained = { $count } адам ұсталды
figure-custody = { $count } адам қамауда
figure-house-arrest = { $count } адам үй қамағында
days-since-detention = Ұсталғаннан бері { $days } күн
detained-on = Ұсталған күні: { $date }
facts-as-of = Соңғы мәлімет күні: { $date }

case-status-investigation = Тергеу жүріп жатыр
case-status-trial = Сот жүріп жатыр
case-status-appeal = Апелляция
case-status-closed = Іс жабылды
case-status-ongoing = Жалғасуда

person-status-custody = Сотқа дейін қамауда
person-status-house-arrest = Үй қамағында
person-status-administrative-detention = Әкімшілік қамауда
person-status-fined = Айыппұл салынды
person-status-charged = Айып тағылды, бостандықта
person-status-sentenced = Бас бостандығынан айыру жазасына кесілді
person-status-released = Босатылды
person-status-whereabouts-unknown = Қайда екені белгісіз
person-status-in-exile = Эмиграцияда

people-group-related = Іске қатысты басқа адамдар
people-count = { $count } адам
person-anonymous = Аты-жөні жарияланбайды
person-charges = Айыптар
person-events = Хроникада
person-sources = Дереккөздер
person-photo-credit = Фото: { $credit }

## Хроникадағы оқиға түрлері

event-kind-protest = Наразылық акциясы
event-kind-detention = Ұстау
event-kind-sentence = Үкім
event-kind-fine = Айыппұл
event-kind-charge = Айып тағу
event-kind-custody = Қамауға алу
event-kind-house-arrest = Үй қамағы
event-kind-extension = Қамау мерзімін ұзарту
event-kind-hearing = Сот отырысы
event-kind-verdict = Сот шешімі
event-kind-release = Босату
event-kind-statement = Мәлімдеме
event-kind-diplomatic-note = Дипломатиялық нота
event-kind-investigation = Тергеу
event-kind-disappearance = Із-түзсіз жоғалу
event-kind-citizenship = Азаматтық
event-kind-prosecution = Қылмыстық қудалау
event-kind-opinion = Құқықтық қорытынды
event-kind-harassment = Қысым көрсету
event-kind-other = Басқа

## Күндер
##
## Күні мен айы белгілі күндер CLDR бойынша жазылады («2025 ж. 13 қараша», «2025 ж. қараша»).
## date-qualifier-* хабарларының айнымалылары:
##   $date       күннің жеке көрсетілетін түрі
##   $precision  day, month, year немесе season — күннің қаншалықты дәл белгілі екені
##   $year       жыл, цифрмен
##   $month      айдың нөмірі, 1–12 (тек day және month дәлдігінде)
##   $day        айдың күні (тек day дәлдігінде)
##   $season     spring, summer, autumn немесе winter (тек season дәлдігінде)

date-year = { $year } ж.

date-season-spring = { $year } жылғы көктем
date-season-summer = { $year } жылғы жаз
date-season-autumn = { $year } жылғы күз
date-season-winter = { $year } жылғы қыс

# Ай атауы шығыс септігінде: «қарашадан кейін».
date-month-ablative =
    { $month ->
        [1] қаңтардан
        [2] ақпаннан
        [3] наурыздан
        [4] сәуірден
        [5] мамырдан
        [6] маусымнан
        [7] шілдеден
        [8] тамыздан
        [9] қыркүйектен
        [10] қазаннан
        [11] қарашадан
       *[12] желтоқсаннан
    }
# Ай атауы барыс септігінде: «қарашаға дейін».
date-month-dative =
    { $month ->
        [1] қаңтарға
        [2] ақпанға
        [3] наурызға
        [4] сәуірге
        [5] мамырға
        [6] маусымға
        [7] шілдеге
        [8] тамызға
        [9] қыркүйекке
        [10] қазанға
        [11] қарашаға
       *[12] желтоқсанға
    }
# Ай атауы ілік септігінде: «қарашаның соңында».
date-month-genitive =
    { $month ->
        [1] қаңтардың
        [2] ақпанның
        [3] наурыздың
        [4] сәуірдің
        [5] мамырдың
        [6] маусымның
        [7] шілденің
        [8] тамыздың
        [9] қыркүйектің
        [10] қазанның
        [11] қарашаның
       *[12] желтоқсанның
    }
date-season-ablative =
    { $season ->
        [spring] көктемнен
        [summer] жаздан
        [autumn] күзден
       *[winter] қыстан
    }
date-season-dative =
    { $season ->
        [spring] көктемге
        [summer] жазға
        [autumn] күзге
       *[winter] қысқа
    }
date-season-genitive =
    { $season ->
        [spring] көктемнің
        [summer] жаздың
        [autumn] күздің
       *[winter] қыстың
    }
# Бүкіл күн шығыс септігінде: «2025 ж. 13 қарашадан», «2025 жылдан».
date-ablative =
    { $precision ->
        [day] { $year } ж. { $day } { date-month-ablative }
        [month] { $year } ж. { date-month-ablative }
        [season] { $year } жылғы { date-season-ablative }
       *[other] { $year } жылдан
    }
# Бүкіл күн барыс септігінде: «2025 ж. 13 қарашаға», «2025 жылға».
date-dative =
    { $precision ->
        [day] { $year } ж. { $day } { date-month-dative }
        [month] { $year } ж. { date-month-dative }
        [season] { $year } жылғы { date-season-dative }
       *[other] { $year } жылға
    }
# Ай, маусым немесе жыл ілік септігінде: «2025 ж. қарашаның», «2025 жылдың».
date-genitive =
    { $precision ->
        [month] { $year } ж. { date-month-genitive }
        [season] { $year } жылғы { date-season-genitive }
       *[other] { $year } жылдың
    }

date-qualifier-about = шамамен { $date }
date-qualifier-after = { date-ablative } кейін
date-qualifier-before = { date-ablative } бұрын
date-qualifier-by = { date-dative } дейін
date-qualifier-early =
    { $precision ->
        [day] { $date }
       *[other] { date-genitive } басында
    }
date-qualifier-mid =
    { $precision ->
        [day] { $date }
       *[other] { date-genitive } ортасында
    }
date-qualifier-late =
    { $precision ->
        [day] { $date }
       *[other] { date-genitive } соңында
    }

## Бет тақырыптары

page-people-title = Адамдар
page-timeline-title = Оқиғалар хроникасы
page-legal-title = Құқықтық талдау
page-act-title = Қалай көмектесуге болады
page-sources-title = Дереккөздер
page-not-found-title = Бет табылмады
page-not-found-text = Бұл мекенжайда бет жоқ. Ол басқа жерге көшірілген немесе сілтемеде қате кеткен болуы мүмкін.
page-not-found-home = Басты бетке өту

## Құқықтық талдау

legal-charge = Айып
legal-engages = Салыстырылатын нормалар
legal-max-penalty = Ең ауыр жаза: { $penalty }
legal-national = Ұлттық заңнама
legal-international = Халықаралық стандарттар
legal-read-analysis = Талдауды оқу

## Қалай көмектесуге болады

act-demands = Біздің талаптарымыз
act-share = Бетпен бөлісу
act-share-text = { $title } — оқып, бөлісіңіз
act-copy-link = Сілтемені көшіру
act-copied = Сілтеме көшірілді

## Дереккөздер және арналар

source-published = { $publisher }, { $date }
sources-cited-by = Сілтеме жасалған беттер
read-more = Толығырақ
feed-title = { $site }: жаңалықтар

# Сілтемеден мәтіндегі орнына қайтаратын сілтеменің белгісі; $ref — оның нөмірі.
footnote-backref = { $ref }-сілтемеге оралу
