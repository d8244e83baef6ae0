"""geo.messages: English where a str is read, the reader's language where the UI says it."""

import copy
import pickle

from geo.errors import PermissionDenied
from geo.i18n import PSEUDO
from geo.messages import N_, Listing, Message, n_, say


def test_a_message_reads_english_and_says_its_template_in_another_language():
    m = Message(N_("'{text}' is not a number; write decimal degrees such as 40.7128"), text="4O,7")
    assert m == "'4O,7' is not a number; write decimal degrees such as 40.7128"
    assert m.in_language("es") == "'4O,7' no es un número; escriba grados decimales como 40.7128"
    assert m.in_language(PSEUDO).startswith("⟦'4O,7' is not")  # typed value, never marked


def test_numbers_follow_the_locale_and_nested_messages_and_lists_are_said_too():
    far = Message(N_("{metres:,.0f} m from the branch"), metres=1234.4)
    assert far == "1,234 m from the branch"
    assert far.in_language("fr") == "à 1\u202f234 m de la bibliothèque"
    listed = Message(N_("'{stop}' ({why})"), stop="Far away", why=far)
    assert listed.in_language("es") == "'Far away' (a 1.234 m de la biblioteca)"
    words = Listing([Message(N_("name")), Message(N_("phone"))], ", ")
    same = Message(N_("looks like {other}: same {reasons}"), other="X", reasons=words)
    assert same == "looks like X: same name, phone"
    assert same.in_language("fr") == "ressemble à X : même nom, téléphone"


def test_plural_messages_pick_the_languages_form():
    assert n_("{count} second", "{count} seconds", 31) == "31 seconds"
    assert n_("{count} second", "{count} seconds", 1).in_language("fr") == "1 seconde"


def test_errors_keep_english_for_logs_and_survive_copies():
    err = PermissionDenied(Message(N_("The password must not be the user name.")))
    assert str(err) == "The password must not be the user name."
    assert err.in_language("fr") == "Le mot de passe ne doit pas être le nom d'utilisateur."
    assert PermissionDenied("plain text").in_language("fr") == "plain text"
    m = Message(N_("data row {row}"), row="7")
    for twin in (copy.deepcopy(m), pickle.loads(pickle.dumps(m))):
        assert twin.in_language("es") == "fila de datos 7"
    assert say("typed data", "es") == "typed data"


def test_a_file_that_cannot_be_read_is_explained_in_the_readers_language():
    import pytest

    from geo.errors import ImportFormatError
    from geo.io.readers import read_csv_text

    with pytest.raises(ImportFormatError) as caught:
        read_csv_text("name,lat\nCafé Amal, Main St,41\n", "orgs.csv")
    assert "more values than header columns in data row 1" in str(caught.value)
    said = caught.value.in_language("fr")
    assert said.startswith("Le fichier 'orgs.csv' a plus de valeurs que de colonnes")
    assert "la ligne de données 1 (l'en-tête en a 2)" in said


def test_an_enumeration_is_listed_as_the_readers_language_lists_it():
    from geo.messages import enumeration

    m = Message(
        N_("{name}: branch file lacks {columns}."),
        name="b.csv",
        columns=enumeration(["lat", "lon", "name"]),
    )
    assert m == "b.csv: branch file lacks lat, lon, name."  # logs and the command line
    assert m.in_language("zh") == "b.csv：分馆文件缺少 lat、lon、name。"
    assert m.in_language("ar") == "b.csv: ملف الفروع يفتقد lat وlon وname."
    assert pickle.loads(pickle.dumps(m)).in_language("zh") == m.in_language("zh")
    # a list of choices stays a comma list: the reader picks one, "and" would mislead
    known = Message(
        N_("looks like {other}: same {reasons}"), other="X", reasons=Listing(["a", "b"], ", ")
    )
    assert "a, b" in known.in_language("zh")
