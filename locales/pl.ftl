# Corridor's messages in Polish (pl): the web pages, problem+json titles and details shown to a
# person, and mail. One file per language, every file has every key (a test checks it).
# Keys are prefixed by where they are used: web-* (pages), problem-* (API errors), mail-* (mail).
# Variables are Fluent placeables, e.g. { $reference }; dates and numbers are formatted by the
# caller in the reader's locale, times always with their zone.

## Common to every page

web-title = Corridor
web-brand-sub = kontrola ruchu wojsk
web-nav =
    .aria-label = Strony
web-nav-board = Tablica
web-nav-queue = Moje sprawy
web-nav-plan = Zaplanuj przemieszczenie
web-language = Język
web-signout = Wyloguj
web-loading = Wczytywanie…
web-back = ← Powrót do tablicy
web-none = brak
web-by = przez { $actor }
web-by-role = przez { $actor } ({ $role })
web-level = Poziom { $level }
web-level-short = P{ $level }
web-permit = zezwolenie { $number }
web-due = termin { $at }
web-round = runda { $round }
web-source = źródło { $source }
web-condition = warunek: { $condition }
web-no-findings = Brak ustaleń.
web-session-ended = Sesja wygasła. Zaloguj się ponownie.
web-unreachable = brak połączenia z Corridor
web-unreachable-why = Brak połączenia z Corridor: { $why }
web-live-signed-out = wylogowano
web-live-retrying = utracono połączenie · ponawianie

## Signing in

web-signin-title = Logowanie
web-signin-hint = Komórki łącznikowe, oficerowie kontroli ruchu, koordynatorzy i jednostki wnioskujące: zaloguj się kontem Corridor.
web-signin-username = Nazwa użytkownika
web-signin-password = Hasło
web-signin-button = Zaloguj
web-signin-wrong = Błędna nazwa użytkownika lub hasło.
web-signin-failed = Logowanie nie powiodło się ({ $status }).

## Columns of tables

web-col-time-left = Pozostały czas
web-col-reference = Sygnatura
web-col-nation-stage = Państwo · etap
web-col-due = Termin
web-col-escalation = Eskal.
web-col-nation = Państwo
web-col-entry-exit = Wjazd → wyjazd
web-col-entry-at = Wjazd
web-col-exit-at = Wyjazd
web-col-route-limits = Ograniczenia trasy
web-col-stage = Etap
web-col-status = Status
web-col-decided-by = Decyzja
web-col-conditions-reason = Warunki · uzasadnienie

## The liaison board

web-board-title = Tablica łącznikowa
web-board-nations = Państwa
web-board-standing = Zwolnione na podstawie zezwoleń stałych (24 h)
web-board-at-risk = Zagrożone
web-board-at-risk-hint = otwarte etapy eskalowane lub z terminem w ciągu { $hours } h
web-board-at-risk-empty = Nic nie jest zagrożone.
web-board-escalations = Otwarte eskalacje
web-board-escalations-empty = Brak otwartych eskalacji.
web-board-decisions = Ostatnie decyzje
web-board-decisions-empty = Brak decyzji.
web-board-activity = Aktywność
web-board-activity-hint = na bieżąco
web-board-activity-empty = Oczekiwanie na kolejną zmianę…

## One notification

web-detail-not-found = To powiadomienie nie istnieje lub jest poza Twoim zakresem.
web-detail-cannot-load = Nie można wczytać: { $why }
web-detail-requester = Wnioskodawca
web-detail-departure = Wyjazd
web-detail-arrival = Przyjazd
web-detail-due = Termin
web-detail-escalation = Eskalacja
web-detail-version = Wersja
web-detail-mode-kind = Rodzaj transportu · typ
web-detail-itinerary = Trasa
web-detail-tunnels = tunele { $categories }
web-detail-bridges = mosty MLC ≥ { $mlc }
web-detail-vehicles = Pojazdy:
web-detail-vehicle = { $count } × { $label } ({ $category }, { $tonnes } t, MLC { $mlc })
web-detail-cargo-title = Ładunek:
web-detail-cargo = UN { $un } { $description } · { $kg } kg
web-detail-nem = NEM { $kg } kg
web-detail-reviews = Rozpatrzenia krajowe
web-detail-timeline = Przebieg

## Terms: statuses, outcomes, roles, severities, priorities, kinds, modes, actions

web-term-in_review = w rozpatrzeniu
web-term-approved = zatwierdzone
web-term-rejected = odrzucone
web-term-changes_requested = wezwano do zmian
web-term-withdrawn = wycofane
web-term-expired = wygasłe
web-term-pending = oczekuje
web-term-approved_with_conditions = zatwierdzone z warunkami
web-term-auto_cleared = zwolnione automatycznie
web-term-deemed_approved = uznane za zatwierdzone
web-term-superseded = zastąpione
web-term-approve = zatwierdź
web-term-approve_with_conditions = zatwierdź z warunkami
web-term-reject = odrzuć
web-term-request_changes = wezwij do zmian
web-term-requester = jednostka wnioskująca
web-term-officer = oficer kontroli ruchu
web-term-coordinator = koordynator
web-term-liaison = łącznik
web-term-admin = administrator
web-term-info = informacja
web-term-condition = warunek
web-term-review = rozpatrzenie
web-term-block = blokada
web-term-routine = rutynowe
web-term-priority = priorytetowe
web-term-crisis = kryzysowe
web-term-single = przemieszczenie jednorazowe
web-term-standing = zezwolenie stałe
web-term-road = drogowy
web-term-rail = kolejowy
web-term-wheeled = kołowy
web-term-tracked = gąsienicowy
web-term-submitted = złożone
web-term-decided = rozstrzygnięte
web-term-amended = zmienione
web-term-escalated = eskalowane
web-term-acknowledged = przyjęte do wiadomości
web-term-waived = blokadę uchylono
web-term-permit_issued = wydano zezwolenie
web-term-standing_expired = zezwolenie stałe wygasło

## lang

# Tytuły problemów (RFC 9457 `title`), jeden na typ problemu.
problem-title-validation = Nieprawidłowe żądanie
problem-title-malformed = Błędnie sformułowane żądanie
problem-title-too-large = Treść żądania zbyt duża
problem-title-unsupported-media-type = Nieobsługiwany typ nośnika
problem-title-unauthorized = Brak uwierzytelnienia
problem-title-forbidden = Brak uprawnień
problem-title-not-found = Nie znaleziono
problem-title-method-not-allowed = Niedozwolona metoda
problem-title-conflict = Konflikt
problem-title-precondition-required = Wymagany warunek wstępny
problem-title-precondition-failed = Warunek wstępny niespełniony
problem-title-unprocessable = Żądanie niemożliwe do przetworzenia
problem-title-too-many-requests = Zbyt wiele żądań
problem-title-unavailable = Usługa niedostępna
problem-title-internal = Wewnętrzny błąd serwera

# Szczegóły problemów (RFC 9457 `detail`) i komunikaty pól (`errors[].message`).
problem-validation = { $count ->
    [one] { $count } pole jest nieprawidłowe: { $fields }
    [few] { $count } pola są nieprawidłowe: { $fields }
   *[other] { $count } pól jest nieprawidłowych: { $fields }
}
problem-too-large = treść przekracza limit { $limit } bajtów
problem-too-many-requests = zbyt wiele prób; spróbuj ponownie za { $seconds } s
problem-rate-exceeded = { $limit }; spróbuj ponownie za { $seconds } s
problem-submission-rate = najwyżej { $count } zgłoszeń na użytkownika na minutę
problem-sign-ins-busy = zbyt wiele logowań jest sprawdzanych jednocześnie
problem-internal = wystąpił nieoczekiwany błąd; został zapisany w dzienniku
problem-unavailable = baza danych jest niedostępna; spróbuj ponownie za chwilę
problem-bad-credentials = nieprawidłowa nazwa użytkownika lub hasło
problem-token-invalid = token jest nieprawidłowy lub wygasł; uzyskaj nowy
problem-token-missing = wyślij token Authorization: Bearer
problem-token-scheme = nagłówek Authorization musi mieć postać `Bearer <token>`
problem-forbidden-role-submit = rola { $role } nie składa zgłoszeń
problem-forbidden-role-evaluate = rola { $role } nie ocenia przemieszczeń
problem-forbidden-role-decide = rola { $role } nie rozstrzyga etapów
problem-forbidden-change = tylko jednostka zgłaszająca może zmienić swoje zgłoszenie
problem-forbidden-decide = nie możesz rozstrzygać etapu { $stage } państwa { $nation }
problem-forbidden-waive = tylko koordynator { $nation } może uchylić jego ustalenia blokujące
problem-forbidden-acknowledge = tylko koordynator { $nation } potwierdza jego eskalacje
problem-forbidden-manage-standing = tylko koordynator { $nation } zarządza wydanymi przez siebie zezwoleniami stałymi
problem-forbidden-move-clock = tylko administrator przestawia zegar
problem-forbidden-reload-policies = tylko administrator przeładowuje zasady
problem-no-notification = brak zgłoszenia { $id }
problem-no-route = brak trasy dla { $method } { $path }
problem-method-not-allowed = { $method } jest niedozwolone dla { $path }
problem-no-dashboard-file = panel nie ma pliku { $name }
problem-not-on-route-of = { $nation } nie leży na trasie { $reference }
problem-not-on-route = { $nation } nie leży na trasie
problem-no-stage = ta ocena nie ma etapu `{ $stage }`
problem-no-escalation = brak eskalacji { $id } dla tego zgłoszenia
problem-no-policy = dla { $nation } nie wczytano zasad
problem-no-movement-policy = dla { $nation } nie wczytano zasad przemieszczeń; państwa z zasadami: { $nations }
problem-no-standing = brak zezwolenia stałego { $id }
problem-no-record = brak takiego rekordu
problem-record-exists = rekord o tym identyfikatorze już istnieje
problem-concurrent-change = równoczesna zmiana była pierwsza; odczytaj ponownie i powtórz
problem-final = zgłoszenie { $reference } ma status { $status }; nie można go już zmienić
problem-policy-gone = dla { $nation } nie ma już wczytanych zasad; przeładuj zasady
problem-already-acknowledged = ta eskalacja została już potwierdzona
problem-nothing-to-waive = { $nation } nie ma ustaleń blokujących do uchylenia
problem-blocked = etap `{ $stage }` nie może zakończyć zatwierdzenia, dopóki obowiązują ustalenia blokujące ({ $rules }); zgłaszający musi wprowadzić zmianę albo koordynator zarejestrować uchylenie
problem-stage-not-pending = etap `{ $stage }` ma status { $status }, nie oczekuje
problem-stage-waiting = wcześniejsze etapy nie są jeszcze zatwierdzone: { $stages }
problem-no-permit-yet = { $reference } nie ma jeszcze zezwolenia: najpierw muszą zatwierdzić wszystkie państwa; nadal otwarte: { $open }
problem-no-valid-permit = { $reference } ma status { $status }; brak ważnego zezwolenia
problem-standing-final = zezwolenie stałe { $permit } ma status { $status }; działanie niemożliwe: { $action }
problem-clock-not-manual = ten serwer działa na zegarze systemowym; nie można go przestawić
problem-clock-out-of-range = przestawiłoby zegar poza lata 1970–9999
problem-clock-one-of = podaj dokładnie jedno: `advance` (czas trwania ISO 8601) albo `set` (czas RFC 3339)
problem-stale-if-match = If-Match { $sent } jest nieaktualne: zgłoszenie jest teraz w wersji { $current }; odczytaj je ponownie i powtórz
problem-if-match-required = wyślij If-Match z odczytanym ETagiem, aby dwie osoby nie zmieniły go jednocześnie
problem-idempotency-key-reused = ten Idempotency-Key użyto dla innego żądania; dla nowego zgłoszenia użyj nowego klucza
problem-idempotency-key-ascii = tylko widoczne znaki ASCII
problem-idempotency-key-length = od 1 do 200 znaków
problem-send-json = wyślij treść jako application/json
problem-send-json-got = wyślij treść jako application/json (otrzymano { $got })
problem-send-json-none = wyślij treść jako application/json (brak Content-Type)
problem-body-unreadable = nie można odczytać treści: { $error }
problem-body-empty = treść jest pusta; oczekiwany jest obiekt JSON
problem-body-not-json = treść nie jest prawidłowym JSON: { $error }
problem-body-trailing = po wartości JSON są dodatkowe dane: { $error }
problem-bad-path = nieprawidłowy parametr ścieżki: { $error }
problem-bad-query = nieprawidłowy parametr zapytania: { $error }
problem-field-nul = nie może zawierać znaku NUL (U+0000)
problem-field-nul-escaped = nie może zawierać znaku NUL (%00)
problem-field-range = musi mieścić się między { $min } a { $max }
problem-field-min = musi wynosić co najmniej { $min }
problem-field-max = może wynosić najwyżej { $max }
problem-field-out-of-range = poza zakresem
problem-field-length-exactly = długość musi wynosić dokładnie { $equal }
problem-field-length-range = długość musi mieścić się między { $min } a { $max }
problem-field-length-min = długość musi wynosić co najmniej { $min }
problem-field-length-max = długość może wynosić najwyżej { $max }
problem-field-length-wrong = nieprawidłowa długość
problem-field-invalid = nieprawidłowe ({ $code })
problem-unknown-parameter = nieznany parametr zapytania
problem-true-or-false = true albo false
problem-limit-range = liczba całkowita od 1 do { $max }
problem-bad-cursor = to nie jest kursor wydany przez tę listę
problem-bad-after = kursor: liczba całkowita od 0, jak podana w next_cursor lub przez obraz sytuacji
problem-bad-wait = pełne sekundy od 0 do { $max }
problem-one-of = jedna z wartości: { $values }
problem-own-nation = musi być Twoim własnym państwem
problem-own-unit = musi być Twoją własną jednostką
problem-departure-past = jest ponad 24 godziny w przeszłości; podaj planowany wyjazd
problem-reason-too-long = najwyżej 4000 znaków
problem-conditions-too-long = najwyżej 50 warunków po 1000 znaków; uzasadnienie najwyżej 4000
problem-conditions-required = approve_with_conditions wymaga co najmniej jednego warunku
problem-reason-required = { $outcome } wymaga uzasadnienia
problem-waiver-reason = uchylenie wymaga uzasadnienia (do 4000 znaków)
problem-holders-required = wymagane: `unit` albo `nation`
problem-language = jedna z wartości: { $values }
problem-nation-code = `{ $value }` nie jest przydzielonym kodem ISO 3166-1 alpha-2 pisanym wielkimi literami
problem-not-one-of = `{ $value }` nie jest jedną z wartości: { $values }
problem-after-departure = musi być później niż departure_at
problem-validity-required = zezwolenie stałe wymaga okresu ważności
problem-validity-single = pojedyncze przemieszczenie nie ma okresu ważności; użyj kind `standing`
problem-validity-order = musi być później niż validity.from
problem-exit-before-entry = nie może być wcześniej niż entry_at
problem-entry-before-departure = nie może być wcześniej niż departure_at
problem-exit-after-arrival = nie może być później niż arrival_at
problem-region-elsewhere = { $region } nie jest regionem { $nation }; podaj kody ISO 3166-2 państwa tego odcinka ({ $nation }-…)
problem-one-way-below = { $one } jest poniżej klasy dwukierunkowej { $two }; klasa jednokierunkowa nigdy nie jest niższa
problem-legs-order = odcinki muszą być w kolejności czasowej: przed itinerary[{ $previous }].exit_at
problem-same-nation = to samo państwo co w poprzednim odcinku; podaj jeden odcinek na przejazd przez państwo
problem-spacing-required = wymagane przy każdej osi oprócz ostatniej (odległość do następnej osi)
problem-spacing-last = ostatnia oś nie ma następnej; pomiń spacing_mm
problem-rigid-towing = pojazd solo nie ma ciągnika; pomiń towing_unit_axles albo podaj konfigurację zespołu
problem-towing-axles = musi być mniej niż { $axles } osi całego zespołu (przyczepa ma co najmniej jedną)
problem-axle-sum = naciski osi sumują się do { $sum } kg, ponad { $tolerance } % od gross_mass_kg { $gross } kg
problem-no-vehicle = brak pojazdu o indeksie { $index } (jest ich { $count })
problem-nem-over-quantity = nie może przekraczać quantity_kg
problem-un-required = wymagane, gdy podano masę netto materiałów wybuchowych
problem-title-too-many-connections = Zbyt wiele połączeń
problem-title-body-timeout = Zbyt wolna treść żądania
problem-title-too-many-long-polls = Zbyt wiele oczekujących zapytań
problem-connections-address = ten adres utrzymuje { $count } otwartych połączeń, najwięcej dozwolonych; użyj ponownie jednego lub spróbuj za chwilę
problem-connections-total = serwer utrzymuje tyle połączeń, ile obsługuje; spróbuj ponownie za chwilę
problem-body-timeout = treść żądania nie dotarła w ciągu { $seconds } s od nagłówka
problem-long-polls-caller = masz { $count } oczekujących zapytań strumienia zmian, najwięcej dozwolonych; poczekaj na odpowiedź jednego lub pytaj bez `wait`
problem-long-polls-total = czeka { $count } zapytań strumienia zmian, najwięcej, ile ten serwer utrzyma; spróbuj ponownie za chwilę

# Poczta (tematy zaczynają się od „[Corridor] ”). Czas w formacie odbiorcy, w UTC.
mail-signature = Corridor, zezwolenia na przemieszczenia (wiadomość automatyczna)
mail-label-notification = Zgłoszenie
mail-label-nation = Państwo
mail-label-movement = Przemieszczenie
mail-label-link = Otwórz
mail-label-stage = Etap
mail-label-deadline = Termin
mail-label-permit = Zezwolenie
mail-label-conditions = Warunki
mail-label-reason = Uzasadnienie
mail-label-standing = Zezwolenie stałe
mail-label-ends = Koniec
mail-movement = { $unit } · { $vehicles ->
    [one] { $vehicles } pojazd
    [few] { $vehicles } pojazdy
   *[other] { $vehicles } pojazdów
} · { $from } → { $to } ({ $nations }) · wyjazd { $departure }
mail-time-left = pozostało { $hours } h { $minutes } min
mail-time-overdue = po terminie o { $hours } h { $minutes } min
mail-time-due-now = termin upływa teraz
mail-time-under-a-minute = pozostała niecała 1 min
mail-audience-officers = oficerów etapu
mail-audience-coordinator = koordynatora krajowego
mail-audience-liaison = wielonarodowego łącznika
mail-audience-other = kontaktów eskalacyjnych
mail-escalation-subject = Eskalacja P{ $level }: { $reference } { $nation } { $stages } - { $left }
mail-escalation-heading = Eskalacja poziomu { $level } - dla { $audience }
mail-escalation-stages = { $count ->
    [one] Zagrożony etap:
    [few] { $count } zagrożone etapy:
   *[other] { $count } zagrożonych etapów:
}
mail-escalation-stage = { $stage }: termin { $due }, { $left }
mail-escalation-reason = Powód: { $reason }
mail-why-share = wykorzystano { $percent } % czasu etapu
mail-why-review-breach = przewidywane przekroczenie: pozostałe etapy zakończą się { $finish }, po terminie oceny { $due }
mail-why-stage-due = termin etapu minął
mail-why-overall-within = łączny termin upływa w ciągu { $hours } h { $minutes } min
mail-why-overall-breach = przewidywane przekroczenie: pozostałe etapy zakończą się { $finish }, po łącznym terminie { $due }
mail-why-raised = wywołane razem z poziomem { $level }
mail-escalation-action-officers = { $count ->
    [one] Prosimy rozstrzygnąć ten etap przed terminem.
   *[other] Prosimy rozstrzygnąć te etapy przed terminem.
}
mail-escalation-action-coordinator = { $count ->
    [one] Prosimy rozstrzygnąć ten etap lub zlecić to teraz oficerowi.
   *[other] Prosimy rozstrzygnąć te etapy lub zlecić to teraz oficerom.
}
mail-escalation-action-liaison = Łączny termin konwoju jest zagrożony. Prosimy o kontakt z państwem.
mail-escalation-action-other = Prosimy o dalsze działania.
mail-deemed-subject = Uznane za zatwierdzone: { $reference } { $nation } { $stage }
mail-deemed-intro =
    Etap { $stage } oceny przez { $nation } nie otrzymał decyzji w nieprzekraczalnym terminie
    i jest teraz uznany za zatwierdzony, zgodnie z zasadami { $nation } dla priorytetu { $priority }.
mail-deemed-audit = Odnotowano to w dzienniku audytu zgłoszenia.
mail-approved-subject = Zatwierdzone przez { $nation }: { $reference }, zezwolenie { $permit }
mail-approved-intro = { $nation } zatwierdziło zgłoszenie { $reference }.
mail-conditions-none = brak
mail-conditions-heading = Warunki (część zezwolenia):
mail-rejected-subject = Odrzucone przez { $nation }: { $reference }
mail-rejected-intro = { $nation } odrzuciło zgłoszenie { $reference }.
mail-changes-subject = Zmiany wymagane przez { $nation }: { $reference }
mail-changes-intro = { $nation } wymaga zmian w zgłoszeniu { $reference }.
mail-changes-action = Zmień zgłoszenie w Corridor; zostanie ono ponownie ocenione.
mail-standing-subject = Zezwolenie stałe { $permit } państwa { $nation } wygasa { $until }
mail-standing-intro =
    Zezwolenie stałe { $permit } wydane przez { $nation } dla { $unit } wygasa
    { $until }. Późniejsze przemieszczenia będą znów oceniane pojedynczo; złóż w porę nowe
    zgłoszenie stałe, jeśli rutynowe przemieszczenia będą kontynuowane.
## officer

web-officer-overdue = po terminie o { $time }
web-officer-cannot-load = Nie można wczytać: { $why }
web-officer-queue-title = Moje sprawy
web-officer-queue-scope-all = Wszystkie otwarte etapy { $nation }, najpilniejsze na początku.
web-officer-queue-scope-stages = Przydzielone Ci otwarte etapy { $nation } ({ $stages }), najpilniejsze na początku.
web-officer-queue-caption = Etapy, o których możesz zdecydować, najpilniejsze na początku
web-officer-queue-count = { $count ->
    [one] Jeden etap do decyzji
    [few] { $count } etapy do decyzji
   *[other] { $count } etapów do decyzji
  } · zaktualizowano { $at }
web-officer-queue-empty = Brak spraw do decyzji: Twoja lista jest pusta.
web-officer-queue-more = Pokaż więcej
web-officer-col-unit = Jednostka
web-officer-col-route = Trasa
web-officer-col-escalation = Eskalacja
web-officer-back-to-queue = ← Powrót do moich spraw
web-officer-not-on-route = { $nation } nie leży na trasie tego przemieszczenia.
web-officer-movement = Przemieszczenie
web-officer-priority = Pilność
web-officer-personnel = Stan osobowy
web-officer-vehicles = Pojazdy
web-officer-cargo = Ładunek
web-officer-col-number = Nr
web-officer-col-label = Typ pojazdu
web-officer-col-count = Liczba
web-officer-col-category = Rodzaj
web-officer-col-gross = Masa całkowita
web-officer-col-axles = Osie
web-officer-col-mlc = MLC
web-officer-col-un = Numer UN
web-officer-col-description = Nazwa
web-officer-col-quantity = Ilość
web-officer-col-nem = Masa netto materiału wybuchowego
web-officer-col-vehicle = Na pojeździe
web-officer-findings = Ustalenia { $nation }
web-officer-other-findings = Ustalenia innych państw ({ $count })
web-officer-rule = przepis { $rule }
web-officer-subject = dotyczy { $subject }
web-officer-finding-stage = dla etapu { $stage }
web-officer-source = Podstawa prawna:
web-officer-waived = Ustalenia blokujące uchylone przez { $by } dnia { $at } ({ $rules }):
web-officer-stages = Etapy i wcześniejsze rundy
web-officer-decision = Decyzja
web-officer-nothing-to-decide = Żaden otwarty etap tego państwa nie należy do Ciebie.
web-officer-outcome = Rozstrzygnięcie
web-officer-conditions = Warunki
web-officer-conditions-hint = Jeden warunek w wierszu; wymagane przy zatwierdzeniu z warunkami.
web-officer-conditions-suggested = Warunki wynikające z przepisów: { $conditions }
web-officer-reason = Uzasadnienie
web-officer-reason-hint = Wymagane przy odrzuceniu lub żądaniu zmian.
web-officer-send = Wyślij decyzję
web-officer-decided = Decyzja zapisana: { $stage } — { $outcome }.
web-officer-conflict-title = Zmieniono w trakcie Twojej decyzji
web-officer-conflict-body = Ktoś zmienił to zgłoszenie po jego otwarciu, dlatego Twoja decyzja nie została zapisana. Oto co się zmieniło; strona pokazuje teraz aktualną wersję. Sprawdź ją i zdecyduj ponownie.
web-officer-conflict-none = Nic widocznego tutaj się nie zmieniło; zdecyduj ponownie.
web-officer-change-status = Zgłoszenie: { $from } → { $to }
web-officer-change-version = Jednostka wnioskująca zmieniła przemieszczenie: wersja { $from } → { $to }
web-officer-change-review = Rozpatrzenie przez { $nation }: { $from } → { $to }
web-officer-change-stage = { $nation } · { $stage }: { $from } → { $to } (przez { $by })
web-officer-change-waiver = { $nation }: ustalenia blokujące uchylone przez { $by } („{ $reason }”)
web-officer-change-escalation = { $nation }: uruchomiono eskalację poziomu { $level } ({ $reason })
web-officer-change-acknowledged = { $nation }: eskalację poziomu { $level } potwierdził(a) { $by }
web-officer-changes = Wersje i zmiany
web-officer-changes-since-decision = Zmiany od ostatniej decyzji tego państwa, podjętej przez { $by } dnia { $at } (wersja { $version }):
web-officer-changes-since-version = To państwo jeszcze nie podjęło decyzji. Zmiany od wersji { $version }:
web-officer-changes-first = Wersja { $version } jest pierwsza; od zgłoszenia nic się nie zmieniło.
web-officer-no-changes = Żadne pole przemieszczenia się nie zmieniło.
web-officer-versions = Wersje
web-officer-version-line = Wersja { $version }, { $at }, autor { $by }
web-officer-col-field = Pole
web-officer-col-before = Przedtem
web-officer-col-now = Teraz
web-officer-field-itinerary = Odcinek
web-officer-field-vehicles = Pojazd
web-officer-field-cargo = Pozycja ładunku
web-officer-field-axles = Oś
web-officer-field-departure_at = Wyjazd
web-officer-field-arrival_at = Przybycie
web-officer-field-entry_at = Czas wjazdu
web-officer-field-exit_at = Czas wyjazdu
web-officer-field-entry_point = Punkt wjazdu
web-officer-field-exit_point = Punkt wyjazdu
web-officer-field-nation = Państwo
web-officer-field-priority = Pilność
web-officer-field-personnel = Stan osobowy
web-officer-field-count = Liczba
web-officer-field-label = Typ pojazdu
web-officer-field-category = Rodzaj
web-officer-field-gross_mass_kg = Masa całkowita (kg)
web-officer-field-mlc = MLC
web-officer-field-un_number = Numer UN
web-officer-field-quantity_kg = Ilość (kg)
web-officer-field-net_explosive_mass_kg = Masa netto materiału wybuchowego (kg)
web-officer-field-description = Nazwa
web-officer-field-tunnel_categories = Kategorie tuneli
web-officer-field-min_bridge_mlc = Najniższa klasa mostu (MLC)
web-officer-field-load_kg = Nacisk osi (kg)
web-officer-field-requester = Wnioskujący
web-officer-field-contact = Kontakt
web-officer-field-unit = Jednostka
web-officer-field-vehicle = Na pojeździe
web-officer-field-length_mm = Długość (mm)
web-officer-field-width_mm = Szerokość (mm)
web-officer-field-height_mm = Wysokość (mm)
web-officer-waiver = Uchyl ustalenia blokujące
web-officer-waiver-hint = Jako koordynator możesz uchylić ustalenia blokujące ({ $rules }), aby etapy mogły zostać zatwierdzone.
web-officer-waiver-reason = Uzasadnienie uchylenia
web-officer-waiver-send = Uchyl ustalenia blokujące
web-officer-waiver-done = Ustalenia blokujące { $nation } uchylone.
web-officer-escalations = Eskalacje
web-officer-escalation-times = termin { $due } · uruchomiona { $fired }
web-officer-acknowledged-by = potwierdził(a) { $by } dnia { $at }
web-officer-acknowledge = Potwierdź
web-officer-acknowledge-label = Potwierdź eskalację poziomu { $level } dla { $stage }
web-officer-acknowledged = Eskalacja poziomu { $level } potwierdzona.
web-officer-changed-notice = To zgłoszenie zmieniło się od chwili jego otwarcia.
web-officer-changed-show = Pokaż zmiany
web-officer-changed-title = Zmieniono od chwili otwarcia
web-officer-changed-body = Oto co się zmieniło; strona pokazuje teraz aktualną wersję.
## planner
web-planner-title = Zaplanuj przemieszczenie
web-planner-intro = Wypełnij zgłoszenie przemieszczenia. Przepisy każdego państwa są sprawdzane w trakcie wpisywania; wyślij, gdy nic nie blokuje.
web-planner-requesters-only = Tylko planiści jednostki wnioskującej planują tutaj przemieszczenia.
web-planner-cannot-load = Nie można wczytać formularza: { $why }
web-planner-failed = Niepowodzenie: { $why }
web-planner-choose = — wybierz —
web-planner-not-given = nie podano
web-planner-movement = Przemieszczenie
web-planner-priority = Pilność
web-planner-kind = Rodzaj
web-planner-mode = Środek transportu
web-planner-requester-nation = Państwo wnioskujące
web-planner-requester-unit = Jednostka wnioskująca
web-planner-contact = Osoba do kontaktu (nazwisko, telefon lub e-mail)
web-planner-departure = Wyjazd (UTC)
web-planner-arrival = Przyjazd (UTC)
web-planner-validity-from = Ważne od (UTC)
web-planner-validity-until = Ważne do (UTC)
web-planner-personnel = Przewożony personel
web-planner-form-302 = Numer formularza UE 302 (18 znaków)
web-planner-time-placeholder = RRRR-MM-DD gg:mm
web-planner-times-utc = Wszystkie czasy w UTC (Zulu).
web-planner-route = Trasa
web-planner-leg = Odcinek { $n }
web-planner-leg-nation = Państwo
web-planner-entry-point = Punkt wjazdu
web-planner-exit-point = Punkt wyjazdu
web-planner-entry-at = Wjazd (UTC)
web-planner-exit-at = Wyjazd z odcinka (UTC)
web-planner-min-bridge-mlc = Najniższa klasa MLC mostów na trasie
web-planner-tunnels = Kategorie tuneli na trasie
web-planner-add-leg = Dodaj odcinek
web-planner-remove-leg = Usuń odcinek { $n }
web-planner-leg-up = Przesuń odcinek { $n } w górę
web-planner-vehicles = Pojazdy
web-planner-vehicle = Pojazd { $n }: { $label }
web-planner-vehicle-option = Pojazd { $n }: { $label }
web-planner-label = Pojazd (oznaczenie)
web-planner-category = Kategoria
web-planner-count = Liczba pojazdów
web-planner-gross-mass = Rzeczywista masa całkowita jednego pojazdu z ładunkiem (kg)
web-planner-length = Długość (mm)
web-planner-width = Szerokość (mm)
web-planner-height = Wysokość (mm)
web-planner-mlc = MLC
web-planner-permissible-mass = Dopuszczalna masa całkowita (kg)
web-planner-configuration = Konfiguracja
web-planner-config-rigid = pojazd pojedynczy
web-planner-config-articulated = pojazd członowy
web-planner-config-road-train = zespół pojazdów
web-planner-towing-axles = Osie pojazdu ciągnącego
web-planner-adr-type = Typ pojazdu ADR
web-planner-axles-caption = Osie pojazdu { $n }, od przodu do tyłu
web-planner-axle = Oś
web-planner-axle-load-col = Nacisk (kg)
web-planner-axle-spacing-col = Odległość do następnej osi (mm)
web-planner-axle-driven = Napędowa
web-planner-axle-load = Nacisk osi { $n } (kg)
web-planner-axle-spacing = Odległość od osi { $n } do następnej (mm)
web-planner-axle-driven-n = Oś { $n } jest napędowa
web-planner-add-axle = Dodaj oś
web-planner-remove-axle = Usuń oś { $n }
web-planner-vehicle-summary = Osie: { $axles }, naciski razem { $sum } kg z { $gross } kg masy całkowitej · długość { $length } m, szerokość { $width } m, wysokość { $height } m
web-planner-add-vehicle = Dodaj pojazd
web-planner-remove-vehicle = Usuń pojazd { $n }
web-planner-saved-types = Zapisane typy pojazdów
web-planner-add-from-type = Dodaj pojazd tego typu
web-planner-choose-type-first = Najpierw wybierz zapisany typ pojazdu.
web-planner-type-added = Dodano typ pojazdu { $name }.
web-planner-type-name = Zapisz jako typ pojazdu o nazwie
web-planner-save-type = Zapisz typ pojazdu
web-planner-type-saved = Zapisano typ pojazdu { $name }.
web-planner-type-not-saved = Nie zapisano typu pojazdu: { $why }
web-planner-name-needed = Najpierw podaj nazwę.
web-planner-cargo = Ładunek
web-planner-no-cargo = Brak pozycji ładunku.
web-planner-cargo-line = Pozycja ładunku { $n }
web-planner-description = Opis
web-planner-un-number = Numer UN (wpisz cyfry lub nazwę)
web-planner-un-results = Znalezione towary niebezpieczne
web-planner-un-entry = UN { $un } { $name } · klasa { $class } · GP { $pg } · tunel { $tunnel }
web-planner-un-found = { $n ->
    [one] Znaleziono jedną pozycję; wybierz ją strzałkami i zatwierdź klawiszem Enter.
    [few] Znaleziono { $n } pozycje; wybierz strzałkami i zatwierdź klawiszem Enter.
   *[many] Znaleziono { $n } pozycji; wybierz strzałkami i zatwierdź klawiszem Enter.
}
web-planner-un-none = Brak w wykazie towarów niebezpiecznych.
web-planner-quantity = Ilość (kg)
web-planner-litres = Objętość (litry)
web-planner-nem = Masa netto materiału wybuchowego (kg)
web-planner-on-vehicle = Przewożone na
web-planner-add-cargo = Dodaj pozycję ładunku
web-planner-remove-cargo = Usuń pozycję ładunku { $n }
web-planner-bulk = Wprowadzanie zbiorcze (CSV)
web-planner-csv-vehicles = Pojazdy z pliku CSV
web-planner-csv-cargo = Pozycje ładunku z pliku CSV
web-planner-csv-columns = Wiersz nagłówka z kolumnami
web-planner-csv-optional = oraz opcjonalnie
web-planner-csv-vehicles-hint = Naciski osi od przodu do tyłu rozdzielone średnikami (co najmniej dwa), odległości między osiami tak samo (o jedną mniej). Zostaną dodane do pojazdów powyżej.
web-planner-csv-cargo-hint = vehicle to numer pojazdu w tym formularzu (1 dla pierwszego); un_number może być pusty. Zostaną dodane do pozycji ładunku powyżej.
web-planner-csv-paste = Wklej CSV
web-planner-csv-file = lub wybierz plik CSV
web-planner-csv-apply = Sprawdź i zastosuj
web-planner-csv-rejected = { $n ->
    [one] Nic nie zastosowano: jeden błąd.
    [few] Nic nie zastosowano: { $n } błędy.
   *[many] Nic nie zastosowano: { $n } błędów.
}
web-planner-csv-applied = { $n ->
    [one] Zastosowano jeden wiersz.
    [few] Zastosowano { $n } wiersze.
   *[many] Zastosowano { $n } wierszy.
}
web-planner-csv-row-error = Wiersz { $row }, kolumna { $column }: { $why }
web-planner-csv-empty = tekst jest pusty
web-planner-csv-missing-column = brak kolumny (wymagane: { $columns })
web-planner-csv-unknown-column = nieznana kolumna
web-planner-csv-too-many-rows = więcej niż { $max } wierszy
web-planner-csv-no-rows = brak wierszy pod nagłówkiem
web-planner-csv-required = pole wymagane
web-planner-csv-number = liczba całkowita od { $min } do { $max }
web-planner-csv-too-long = najwyżej { $max } znaków
web-planner-csv-one-of = jedna z wartości { $values }
web-planner-csv-axle-count = podaj od 2 do 24 nacisków osi rozdzielonych średnikami
web-planner-csv-spacing-count = podaj odległości w liczbie { $n } (o jedną mniej niż osi)
web-planner-csv-axle-number = oś { $axle }: liczba całkowita od { $min } do { $max }
web-planner-csv-axle-sum = naciski osi dają razem { $sum } kg, ponad 3 % różnicy od masy całkowitej { $gross } kg
web-planner-csv-un-number = to nie jest czterocyfrowy numer UN
web-planner-csv-vehicle = brak pojazdu o tym numerze (formularz ma ich { $n })
web-planner-csv-nem-above-quantity = nie może przekraczać quantity_kg
web-planner-csv-un-for-nem = wymagany, gdy podano masę netto materiału wybuchowego
web-planner-templates = Szablony
web-planner-saved-templates = Zapisane szablony
web-planner-load-template = Wczytaj szablon
web-planner-delete-template = Usuń szablon
web-planner-template-name = Zapisz ten formularz jako szablon o nazwie
web-planner-save-template = Zapisz szablon
web-planner-template-saved = Zapisano szablon { $name }.
web-planner-template-loaded = Wczytano szablon { $name }.
web-planner-template-deleted = Usunięto szablon { $name }.
web-planner-choose-template-first = Najpierw wybierz zapisany szablon.
web-planner-dry-run = Wstępne sprawdzenie przepisów
web-planner-dry-waiting = Oczekiwanie na formularz.
web-planner-dry-checking = Sprawdzanie…
web-planner-dry-incomplete = { $n ->
    [one] Jeszcze nie sprawdzono: jedno pole do uzupełnienia lub poprawienia.
    [few] Jeszcze nie sprawdzono: { $n } pola do uzupełnienia lub poprawienia.
   *[many] Jeszcze nie sprawdzono: { $n } pól do uzupełnienia lub poprawienia.
}
web-planner-dry-clear = Nic nie blokuje w żadnym z państw ({ $n }; sprawdzono { $at }).
web-planner-dry-blocked = Zostałoby zablokowane w: { $nations } (sprawdzono { $at }).
web-planner-dry-stages = Etapy: { $stages }
web-planner-would-block = zablokowałoby
web-planner-would-pass = nic nie blokuje
web-planner-finding-meta = przepis { $rule } · podstawa { $source } · dotyczy { $subject }
web-planner-submit = Wyślij zgłoszenie
web-planner-send-amendment = Wyślij zmianę
web-planner-cancel-amend = Anuluj zmianę
web-planner-clear = Wyczyść formularz
web-planner-sending = Wysyłanie…
web-planner-send-failed = Nie wysłano: { $why }. Naciśnij przycisk ponownie; zostanie wysłane jako to samo zgłoszenie.
web-planner-refused = Odrzucono ({ $status }): { $why }
web-planner-amend-stale = Zgłoszenie zmieniło się od chwili otwarcia. Wróć do niego, przeczytaj je ponownie i wprowadź zmianę jeszcze raz.
web-planner-amend-title = Zmiana { $reference }
web-planner-back-to-follow = ← Powrót do zgłoszenia
web-planner-follow-title = Twoje zgłoszenie
web-planner-follow-heading = Zgłoszenie { $reference }
web-planner-follow-status = Stan: { $status } · wersja { $version } · zaktualizowano { $at }
web-planner-due = Termin
web-planner-vehicles-count = { $n ->
    [one] Jeden pojazd, łącznie { $mass } kg
    [few] { $n } pojazdy, łącznie { $mass } kg
   *[many] { $n } pojazdów, łącznie { $mass } kg
}
web-planner-per-nation = Rozpatrzenie przez każde państwo
web-planner-col-nation = Państwo
web-planner-col-status = Stan
web-planner-col-stages = Etapy
web-planner-col-findings = Ustalenia
web-planner-col-due = Termin
web-planner-col-permit = Zezwolenie
web-planner-final = To zgłoszenie jest zakończone; nie można go już zmienić ani wycofać.
web-planner-amend = Zmień
web-planner-withdraw = Wycofaj
web-planner-withdraw-reason = Powód wycofania
web-planner-withdrawn = Wycofano.
web-planner-not-found = To zgłoszenie nie istnieje lub nie należy do Twojej jednostki.
web-planner-open-notification = Otwórz pełne zgłoszenie
web-planner-plan-another = Zaplanuj kolejne przemieszczenie
## lanes

web-lanes-filter-nation = Państwo
web-lanes-all-nations = Wszystkie państwa
web-lanes-filter-priority = Priorytet
web-lanes-all-priorities = Wszystkie priorytety
web-lanes-filter-status = Status rozpatrzenia
web-lanes-all-statuses = Wszystkie statusy
web-lanes-filter-level = Eskalacja
web-lanes-any-level = Dowolny poziom
web-lanes-level-at-least = Poziom { $level } lub wyższy
web-lanes-search = Numer lub jednostka
web-lanes-search-input =
    .placeholder = np. CRD-2026-000123 lub 43 Bde
web-lanes-clear = Wyczyść filtry
web-lanes-failed = Nie udało się odczytać kolumn: { $why }
web-lanes-with-requester = u wnioskodawcy
web-lanes-no-open-stage = brak otwartego etapu
web-lanes-show-more = Pokaż więcej (pozostało { $shown })
web-lanes-total = { $count ->
    [one] { $shown } zgłoszenie
    [few] { $shown } zgłoszenia
   *[many] { $shown } zgłoszeń
}
web-lanes-empty = Nic nie pasuje w tej kolumnie.
web-lanes-none = Brak zgłoszeń w Twoim zakresie.
web-lanes-summary = Kolumny: { $lanes } · wpisy: { $shown } · najpilniejsze najpierw
web-lanes-stages = { $count ->
    [one] { $shown } etap
    [few] { $shown } etapy
   *[many] { $shown } etapów
}
web-lanes-fired = uruchomiona { $at }

## board (lead)

web-live-checked = na żywo · sprawdzono { $time }
web-live-updated = na żywo · zaktualizowano { $time }
web-due-fired = termin { $due } · uruchomiono { $fired }
web-overdue = po terminie { $time }
web-standing-share = { $nation }: { $cleared } z { $total } przemieszczeń jednorazowych
web-standing-none = brak przemieszczeń jednorazowych w ostatnich 24 godzinach

## verify (lead)

web-verify-title = Corridor · weryfikacja zezwolenia
web-verify-sub = weryfikacja zezwolenia
web-verify-loading = wczytywanie kluczy
web-verify-heading = Zweryfikuj zezwolenie
web-verify-hint = Wklej token zezwolenia lub zeskanuj kod QR wydrukowanego zezwolenia. Sprawdzenie odbywa się w tej przeglądarce na podstawie kluczy i odwołań zapisanych podczas ostatniej wizyty z połączeniem: sieć nie jest potrzebna.
web-verify-token = Token zezwolenia
web-verify-button = Sprawdź
web-verify-scan = Skanuj kod QR
web-verify-not-jws = to nie jest kompaktowy JWS
web-verify-bad-signature = nieprawidłowy podpis
web-verify-keys-updated = klucze zaktualizowano { $at }
web-verify-keys-offline = offline: klucze zapisane { $at }
web-verify-revocations = , lista odwołań nr { $seq }
web-verify-no-revocations = , brak listy odwołań
web-verify-no-keys = brak zapisanych kluczy: otwórz tę stronę raz z połączeniem
web-verify-no-keys-short = brak zapisanych kluczy
web-verify-revoked = odwołane { $at }: { $reason }
web-verify-not-yet = ważne od { $at }
web-verify-expired = wygasło { $at }
web-verify-valid = WAŻNE
web-verify-valid-checkpoint = WAŻNE (token punktu kontrolnego)
web-verify-refused = ODRZUCONE { $code }: { $message }
web-verify-reference = Sygnatura
web-verify-reference-value = { $ref } (wersja { $version })
web-verify-valid-window = Ważność
web-verify-permit = Zezwolenie { $nation }
web-verify-route = Trasa { $nation }
web-verify-convoy = Kolumna
web-verify-convoy-value = { $vehicles } pojazdów, { $personnel } osób
web-verify-vehicles = { $vehicles } pojazdów
web-verify-vehicle = Pojazd
web-verify-dg = Towary niebezpieczne
web-verify-dg-value = UN { $un }, { $kg } kg na { $vehicle }
