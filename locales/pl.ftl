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
