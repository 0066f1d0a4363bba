# Встроенные строки интерфейса Placard на русском языке.
#
# Сайт может изменить любую из них или добавить свои в файле i18n/ru.ftl в корне сайта:
# достаточно написать только те сообщения, которые нужно изменить.
# Синтаксис Fluent: https://projectfluent.org/fluent/guide/
#
# Числа приходят уже в русском формате («1 234»). Формы множественного числа выбираются по
# правилам CLDR: [one] 1, 21, 101…; [few] 2–4, 22–24…; [many] 0, 5–20, 25–30…;
# [other] — дроби.
# Перед «г.» стоит узкий неразрывный пробел (U+202F), как в датах CLDR («13 ноября 2025 г.»).

## Навигация

skip-to-content = Перейти к содержанию
nav-label = Главное меню
nav-home = Главная
nav-overview = Обзор
nav-people = Люди
nav-timeline = Хроника
nav-legal = Правовой анализ
nav-act = Как помочь
nav-sources = Источники
nav-about = О проекте

## Языки

language-switcher-label = Язык
language-fallback-marker = ещё не переведено
language-chooser-title = Выберите язык

## Подвал

footer-published-by = Издатель: { $publisher }
footer-privacy = Этот сайт не использует cookie и ничего не загружает с других сайтов.

## Уведомления о переводе

notice-fallback = Эта страница ещё не переведена на русский язык — вы читаете оригинал на английском.
notice-stale = Этот перевод устарел: английский оригинал изменился после того, как был переведён.
notice-stale-link = Читать актуальный оригинал
translation-of = Перевод с английского оригинала

## Ключевые цифры и люди

upcoming = Предстоит
figure-detained =
    { $count ->
        [one] { $count } человек задержан
        [few] { $count } человека задержаны
        [many] { $count } человек задержаны
       *[other] { $count } человека задержаны
    }
figure-custody =
    { $count ->
        [one] { $count } человек под стражей
        [few] { $count } человека под стражей
        [many] { $count } человек под стражей
       *[other] { $count } человека под стражей
    }
figure-house-arrest =
    { $count ->
        [one] { $count } человек под домашним арестом
        [few] { $count } человека под домашним арестом
        [many] { $count } человек под домашним арестом
       *[other] { $count } человека под домашним арестом
    }
days-since-detention =
    { $days ->
        [one] { $days } день с момента задержания
        [few] { $days } дня с момента задержания
        [many] { $days } дней с момента задержания
       *[other] { $days } дня с момента задержания
    }
detained-on = Дата задержания: { $date }
facts-as-of = Сведения по состоянию на { $date }

case-status-investigation = Идёт следствие
case-status-trial = Идёт суд
case-status-appeal = Обжалование
case-status-closed = Дело закрыто
case-status-ongoing = Продолжается

person-status-custody = Под стражей до суда
person-status-house-arrest = Под домашним арестом
person-status-administrative-detention = Отбывает административный арест
person-status-fined = Назначен штраф
person-status-charged = Предъявлено обвинение, на свободе
person-status-sentenced = Приговор: лишение свободы
person-status-released = На свободе
person-status-whereabouts-unknown = Местонахождение неизвестно
person-status-in-exile = В эмиграции

people-group-related = Также затронуты делом
people-count =
    { $count ->
        [one] { $count } человек
        [few] { $count } человека
        [many] { $count } человек
       *[other] { $count } человека
    }
person-anonymous = Имя не раскрывается
person-charges = Обвинения
person-events = В хронике
person-sources = Источники
person-photo-credit = Фото: { $credit }

## Виды событий хроники

event-kind-protest = Акция протеста
event-kind-detention = Задержание
event-kind-sentence = Приговор
event-kind-fine = Штраф
event-kind-charge = Обвинение
event-kind-custody = Заключение под стражу
event-kind-house-arrest = Домашний арест
event-kind-extension = Продление срока содержания под стражей
event-kind-hearing = Судебное заседание
event-kind-verdict = Решение суда
event-kind-release = Освобождение
event-kind-statement = Заявление
event-kind-diplomatic-note = Дипломатическая нота
event-kind-investigation = Расследование
event-kind-disappearance = Исчезновение
event-kind-citizenship = Гражданство
event-kind-prosecution = Уголовное преследование
event-kind-opinion = Правовое заключение
event-kind-harassment = Давление и запугивание
event-kind-other = Другое

## Даты
##
## Даты с точностью до дня и месяца берутся из CLDR («13 ноября 2025 г.», «ноябрь 2025 г.»).
## Переменные сообщений date-qualifier-*:
##   $date       дата в том виде, в каком она показывается отдельно
##   $precision  day, month, year или season — насколько точно известна дата
##   $year       год цифрами
##   $month      номер месяца, 1–12 (только при точности day и month)
##   $day        число месяца (только при точности day)
##   $season     spring, summer, autumn или winter (только при точности season)

date-year = { $year } г.

date-season-spring = весна { $year } г.
date-season-summer = лето { $year } г.
date-season-autumn = осень { $year } г.
date-season-winter = зима { $year } г.

# Месяц в родительном падеже: «после ноября», «в конце ноября».
date-month-genitive =
    { $month ->
        [1] января
        [2] февраля
        [3] марта
        [4] апреля
        [5] мая
        [6] июня
        [7] июля
        [8] августа
        [9] сентября
        [10] октября
        [11] ноября
       *[12] декабря
    }
# Месяц в предложном падеже: «в ноябре».
date-month-prepositional =
    { $month ->
        [1] январе
        [2] феврале
        [3] марте
        [4] апреле
        [5] мае
        [6] июне
        [7] июле
        [8] августе
        [9] сентябре
        [10] октябре
        [11] ноябре
       *[12] декабре
    }
date-season-genitive =
    { $season ->
        [spring] весны
        [summer] лета
        [autumn] осени
       *[winter] зимы
    }
date-season-instrumental =
    { $season ->
        [spring] весной
        [summer] летом
        [autumn] осенью
       *[winter] зимой
    }
# Вся дата в родительном падеже: «13 ноября 2025 г.», «ноября 2025 г.», «лета 2025 г.»,
# «2025 г.» (читается «2025 года»).
date-genitive =
    { $precision ->
        [month] { date-month-genitive } { $year } г.
        [season] { date-season-genitive } { $year } г.
       *[other] { $date }
    }

date-qualifier-about =
    { $precision ->
        [month] примерно в { date-month-prepositional } { $year } г.
        [season] примерно { date-season-instrumental } { $year } г.
       *[other] около { $date }
    }
date-qualifier-after = после { date-genitive }
date-qualifier-before = до { date-genitive }
date-qualifier-by = не позднее { date-genitive }
date-qualifier-early =
    { $precision ->
        [day] { $date }
       *[other] в начале { date-genitive }
    }
date-qualifier-mid =
    { $precision ->
        [day] { $date }
       *[other] в середине { date-genitive }
    }
date-qualifier-late =
    { $precision ->
        [day] { $date }
       *[other] в конце { date-genitive }
    }

## Заголовки страниц

page-people-title = Люди
page-timeline-title = Хроника событий
page-legal-title = Правовой анализ
page-act-title = Как помочь
page-sources-title = Источники
page-not-found-title = Страница не найдена
page-not-found-text = По этому адресу страницы нет. Возможно, она перемещена или в ссылке опечатка.
page-not-found-home = Перейти на главную страницу

## Правовой анализ

legal-charge = Обвинение
legal-engages = В сопоставлении с нормами
legal-max-penalty = Максимальное наказание: { $penalty }
legal-national = Национальное законодательство
legal-international = Международные стандарты
legal-read-analysis = Читать анализ

## Как помочь

act-demands = Наши требования
act-share = Поделиться страницей
act-share-text = { $title } — прочитайте и поделитесь
act-copy-link = Скопировать ссылку
act-copied = Ссылка скопирована

## Источники и ленты

source-published = { $publisher }, { $date }
sources-cited-by = Цитируется на страницах
read-more = Подробнее
feed-title = { $site }: новости

# Подпись ссылки от сноски обратно к месту, где она упомянута; $ref — её номер.
footnote-backref = Вернуться к сноске { $ref }
