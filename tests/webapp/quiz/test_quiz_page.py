"""The quiz pages as a browser without JavaScript uses them: a start form, a question per
page, a score page with each wrong answer and a link to its section."""

from __future__ import annotations

import re

import pytest

CARD_SET = "quiz"


def field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no field {name}"
    return found.group(1)


def start(client, **form: str):
    page = client.get("/quiz").text
    data = {"csrf_token": field(page, "csrf_token"), "count": "3", **form}
    return client.post("/quiz", data=data)


def test_start_page_offers_scopes_from_the_cards(client):
    page = client.get("/quiz?note=aws/sqs.md")
    assert page.status_code == 200
    text = page.text
    assert 'name="note" list="note-names" value="aws/sqs.md"' in text
    assert '<option value="aws::compute">' in text and '<option value="queue">' in text
    assert 'aria-current="page"' in text and "Statistics" in text and "Browse" in text


def test_take_a_quiz_with_forms(client, quizzer):
    created = start(client, heading="quotas", kinds="multiple_choice")
    assert created.status_code == 303
    url = created.headers["Location"]
    quiz_id = int(url.rsplit("/", 1)[1])
    secret = quizzer.secret(quiz_id)
    page = client.get(url).text
    assert "1 / 3" in page and 'type="radio"' in page
    first = field(page, "question_id")
    right = {"csrf_token": field(page, "csrf_token"), "question_id": first}
    right["answer"] = secret[first]["answer"]
    assert client.post(f"{url}/answer", data=right).status_code == 303
    page = client.get(url).text
    assert "Right!" in page and "2 / 3" in page
    second = field(page, "question_id")
    wrong = secret[second]
    other = next(o for o in wrong["options"] if o != wrong["answer"])
    form = {"csrf_token": field(page, "csrf_token"), "question_id": second, "answer": other}
    client.post(f"{url}/answer", data=form)
    page = client.get(url).text
    assert "Not quite: the answer was <b>" in page
    third = field(page, "question_id")
    skip = {"csrf_token": field(page, "csrf_token"), "question_id": third, "skip": "1"}
    done = client.post(f"{url}/answer", data=skip)
    assert done.status_code == 303 and done.headers["Location"] == f"{url}/result"
    result = client.get(f"{url}/result").text
    assert 'id="score">1 of 3<' in result and "(33%)" in result
    assert result.count('class="card wrong-answer"') == 2
    assert 'href="/notes/aws/sqs/#quotas"' in result
    assert "<i>none</i>" in result
    assert client.get(url).headers["Location"] == f"{url}/result"


def test_end_a_quiz_early(client):
    url = start(client, count="4").headers["Location"]
    page = client.get(url).text
    ended = client.post(f"{url}/finish", data={"csrf_token": field(page, "csrf_token")})
    assert ended.status_code == 303
    assert 'id="score">0 of 4<' in client.get(f"{url}/result").text


def test_answers_given_are_escaped_on_the_score_page(client):
    url = start(client, count="1", heading="Basics", kinds="typed").headers["Location"]
    page = client.get(url).text
    assert "What is SQS?" in page
    form = {"csrf_token": field(page, "csrf_token"), "question_id": field(page, "question_id")}
    client.post(f"{url}/answer", data={**form, "answer": "<script>alert(1)</script>"})
    result = client.get(f"{url}/result").text
    assert "<script>alert(1)</script>" not in result
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result


@pytest.mark.parametrize(
    ("form", "status", "words"),
    [
        ({"count": "0"}, 400, "count must be a whole number from 1 to 50"),
        ({"count": "500"}, 400, "count must be"),
        ({"deck": "nowhere"}, 404, "no cards to quiz in deck nowhere"),
        ({"kinds": "essay"}, 400, "kinds must be among"),
    ],
)
def test_bad_start_forms(client, form, status, words):
    response = start(client, **form)
    assert response.status_code == status and words in response.text


def test_page_errors_are_messages(client):
    url = start(client, kinds="typed").headers["Location"]
    page = client.get(url).text
    token, question = field(page, "csrf_token"), field(page, "question_id")
    form = {"csrf_token": token, "question_id": question, "answer": "x"}
    assert client.post(f"{url}/answer", data=form).status_code == 303
    twice = client.post(f"{url}/answer", data=form)
    assert twice.status_code == 409 and "already answered" in twice.text
    missing = client.post(f"{url}/answer", data={"csrf_token": token})
    assert missing.status_code == 400 and "no question_id" in missing.text
    forged = client.post(f"{url}/answer", data={"question_id": question, "answer": "x"})
    assert forged.status_code == 403
    assert client.get("/quiz/9999").status_code == 404
    assert client.get("/quiz/9999/result").status_code == 404
    early = client.get(f"{url}/result")
    assert early.status_code == 409 and "not submitted yet" in early.text
    client.post(f"{url}/finish", data={"csrf_token": token})
    again = client.post(f"{url}/finish", data={"csrf_token": token})
    assert again.status_code == 409 and "already submitted" in again.text


def test_feedback_ends_with_one_full_stop(client, quizzer, card_folder):
    card_folder.write(sentence_files())
    assert quizzer.reviewer.post("/api/sync").status_code == 200
    url = start(client, note="aws/sqs.md", kinds="typed", count="2").headers["Location"]
    page = client.get(url).text
    form = {"csrf_token": field(page, "csrf_token"), "question_id": field(page, "question_id")}
    client.post(f"{url}/answer", data={**form, "answer": "certainly not this"})
    page = client.get(url).text
    feedback = re.search(r"Not quite: the answer was <b>(.*?)</b>(.*?)\s*</", page, re.S)
    assert feedback, "no feedback on the previous answer"
    answer, after = feedback.groups()
    assert answer.endswith(".") and after.strip() == ""


def sentence_files():
    """Two SQS cards whose answers are whole sentences, full stop included."""
    from quizgen.cards import Card, CardFile, CardType

    cards = tuple(
        Card(id=f"sqs-{n}", type=CardType.BASIC, front=front, back=back)
        for n, (front, back) in enumerate(
            [
                ("Who can read an SQS queue?", "the owner, or another account."),
                ("What does SQS keep?", "messages, for up to fourteen days."),
            ]
        )
    )
    sqs = CardFile(cards=cards, note="aws/sqs.md", title="SQS", deck="aws", page="aws/sqs/")
    return {"aws/sqs.yml": sqs}
