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
