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
