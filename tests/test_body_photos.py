"""Photos placed in a body: which references are photos, how they are marked, and put in the page."""
import pytest

from lantoa.body_photos import SCHEME, mark, place, references
from lantoa.sanitizer import sanitize

LISTED = {"anh-1.jpg", "anh 2.jpg", "con/anh-3.jpg"}


def where(name):
    return "outside" if name.startswith("..") or name.startswith("/") else \
        "present" if name == "co-san.jpg" else "missing"


def names(body):
    return [r.name for r in references(body)]


@pytest.mark.parametrize("body, found", [
    ("![a](anh-1.jpg)", ["anh-1.jpg"]),
    ('![a](anh-1.jpg "tiêu đề")', ["anh-1.jpg"]),
    ("![a](<anh 2.jpg>)", ["anh 2.jpg"]),
    ("![a](anh%202.jpg)", ["anh 2.jpg"]),
    ("![a](./anh-1.jpg)", ["anh-1.jpg"]),
    ("![a](anh-1.jpg?v=2#x)", ["anh-1.jpg"]),
    ("![a [b]](anh-1.jpg)", ["anh-1.jpg"]),
    ("![](bieu-do)", ["bieu-do"]),  # an image with any relative URL
    ("[xem ảnh](anh-1.JPG)", ["anh-1.JPG"]),  # a link, to a photo
    ("[bài khác](../bai-khac/index.md) [trang](../x/)", []),  # links to pages are MkDocs'
    ("![a][1]\n\n[1]: anh-1.jpg", ["anh-1.jpg"]),
    ("[1]: <anh 2.jpg> 'tiêu đề'", ["anh 2.jpg"]),
    ('<img src="anh-1.jpg" alt="a">', ["anh-1.jpg"]),
    ("<img alt=a src='anh-1.jpg'>", ["anh-1.jpg"]),
    ("<IMG SRC=anh-1.jpg>", ["anh-1.jpg"]),
    ('<a href="anh-1.jpg">ảnh</a> <a href="bai/">bài</a>', ["anh-1.jpg"]),
    ("![a](https://example.org/a.jpg) ![b](//cdn.example.org/b.jpg) ![c](/anh/c.jpg) ![d](#top)", []),
    ("![a](data:image/png;base64,AAAA)", []),
    ("`![a](anh-1.jpg)` ``![b](anh-1.jpg)``", []),
    ("```\n![a](anh-1.jpg)\n```\n![b](con/anh-3.jpg)", ["con/anh-3.jpg"]),
    ("<!-- ![a](anh-1.jpg) -->\n<!--\n![b](anh-1.jpg)\n-->", []),
    ("[![a](anh-1.jpg)](https://x.vn/) [![b](con/anh-3.jpg)](anh-1.jpg)", ["anh-1.jpg", "con/anh-3.jpg", "anh-1.jpg"]),
    ("![a](anh(1).jpg)", ["anh(1).jpg"]),
    ("[^1]: anh-1.jpg chụp năm 2020\n[ghi chú]: xem anh-1.jpg\n[1]: anh-1.jpg", ["anh-1.jpg"]),
    ("~~~~ markdown\n![a](anh-1.jpg)\n~~~\n![b](anh-1.jpg)\n~~~~\n", []),
    ("Chữ thường, không ảnh.", []),
])
def test_the_references_of_a_body(body, found):
    assert names(body) == found


def test_marking_keeps_the_body_but_the_photo_addresses():
    body = ('Mở đầu.\n\n![Chị Lan](anh-1.jpg "t")\n\nGiữa ![x](<anh 2.jpg>) và [xem](con/anh-3.jpg).\n\n'
            '<img src="anh-1.jpg">\n\n`![code](anh-1.jpg)`\n')
    marked = mark(body, LISTED, where)
    assert marked.body == (f'Mở đầu.\n\n![Chị Lan]({SCHEME}anh-1.jpg "t")\n\nGiữa ![x]({SCHEME}anh%202.jpg) và '
                           f'[xem]({SCHEME}con/anh-3.jpg).\n\n<img src="{SCHEME}anh-1.jpg">\n\n`![code](anh-1.jpg)`\n')
    assert marked.placed == ("anh-1.jpg",)  # a figure: the others are in a sentence, or a link
    assert marked.problems == ()


def test_what_names_no_listed_photo_is_a_problem_where_it_is_and_is_marked_too():
    body = "A\n\n![a](co-san.jpg)\n\n![b](khong-co.jpg) ![c](../khac/anh.jpg)\n"
    marked = mark(body, LISTED, where)
    assert marked.problems == ((body.index("co-san"), "LT044", "co-san.jpg"),
                               (body.index("khong-co"), "LT045", "khong-co.jpg"),
                               (body.index("../khac"), "LT041", "../khac/anh.jpg"))
    assert [body.count("\n", 0, offset) for offset, _, _ in marked.problems] == [2, 4, 4]
    assert "](co-san.jpg)" not in marked.body and marked.body.count(SCHEME) == 3  # MkDocs never sees them
    assert marked.placed == ()


def test_a_body_without_photos_is_the_same_object():
    body = "Không có ảnh, [một liên kết](../bai/index.md)."
    assert mark(body, LISTED, where).body is body


def picture(name, alt, inline):
    if name == "khong-co.jpg":
        return None
    return f'<picture data-name="{name}" data-alt="{alt}"></picture>' if inline else \
        f'<figure data-name="{name}" data-alt="{alt}"></figure>'


def link(name):
    return None if name == "khong-co.jpg" else f"../../anh/{name}-1200.avif"


def placed(markdown_html):
    return place(sanitize(markdown_html), picture, link)


def test_an_image_alone_in_its_paragraph_is_a_figure_in_its_place():
    html = placed(f'<p>Trước.</p>\n<p><img alt="Chị &amp; em" src="{SCHEME}anh-1.jpg"></p>\n<p class="x">'
                  f'<img src="{SCHEME}anh-1.jpg"></p>\n<p>Sau.</p>')
    assert html == ('<p>Trước.</p>\n<figure data-name="anh-1.jpg" data-alt="Chị & em"></figure>\n'
                    '<figure data-name="anh-1.jpg" data-alt=""></figure>\n<p>Sau.</p>')


@pytest.mark.parametrize("around", ['<p>Trước giờ tuần tra {} chị em <em>họp</em>.</p>', "<p><strong>{}</strong></p>",
                                    '<p><a href="https://x.vn/">{}</a></p>', "<ul><li>Một {}</li></ul>",
                                    "<h2>Tiêu đề {}</h2>"])
def test_an_image_inside_a_sentence_a_link_or_emphasis_is_its_picture_where_it_is(around):
    html = placed(around.format(f'<img alt="" src="{SCHEME}anh%202.jpg">'))
    assert html == sanitize(around.format("@")).replace("@", '<picture data-name="anh 2.jpg" data-alt=""></picture>')


def test_an_image_not_published_is_left_out_and_its_sentence_kept_whole():
    html = placed(f'<p>Trước <img alt="x" src="{SCHEME}khong-co.jpg"> sau.</p><p><img src="{SCHEME}khong-co.jpg"></p>')
    assert html == "<p>Trước  sau.</p>"
    assert SCHEME not in html


def test_links_to_a_photo_go_to_its_largest_rendition_or_lose_their_address():
    html = placed(f'<p><a href="{SCHEME}anh-1.jpg" title="t">xem <strong>ảnh</strong></a> '
                  f'<a href="{SCHEME}khong-co.jpg">mất</a></p>')
    assert html == '<p><a href="../../anh/anh-1.jpg-1200.avif" title="t">xem <strong>ảnh</strong></a> mất</p>'


def test_a_linked_image_keeps_its_link_around_its_picture():
    html = placed(f'<p><a href="{SCHEME}anh-1.jpg"><img alt="a" src="{SCHEME}anh-1.jpg"></a></p>')
    assert html == '<p><a href="../../anh/anh-1.jpg-1200.avif"><picture data-name="anh-1.jpg" data-alt="a"></picture></a></p>'


def test_only_an_image_that_is_a_paragraph_of_its_own_counts_as_placed():
    body = ("![a](anh-1.jpg)\n\nChữ ![b](anh%202.jpg) giữa câu.\n\n[xem](con/anh-3.jpg)\n\n"
            "<!-- ![c](con/anh-3.jpg) -->\n\n- ![d](con/anh-3.jpg)\n")
    assert mark(body, LISTED, where).placed == ("anh-1.jpg",)


def test_the_sanitiser_keeps_the_mark_and_place_leaves_other_html_alone():
    html = f'<p>Chữ <a href="https://x.vn">x</a> <img src="{SCHEME}anh-1.jpg" onerror="alert(1)"></p>'
    clean = sanitize(html)
    assert f'src="{SCHEME}anh-1.jpg"' in clean and "onerror" not in clean
    assert place("<p>Không có ảnh.</p>", picture, link) == "<p>Không có ảnh.</p>"


def test_the_figures_place_makes_are_those_figures_in_names():
    from lantoa.body_photos import figures_in

    html = (f'<p><img alt="a" src="{SCHEME}anh-1.jpg"></p>\n<p>Giữa <img src="{SCHEME}anh-2.jpg"> câu</p>\n'
            f'<pre><code>![x]({SCHEME}anh-3.jpg)</code></pre>\n<p>\n<img src="{SCHEME}anh%204.jpg">\n</p>')
    assert figures_in(html) == {"anh-1.jpg", "anh 4.jpg"} and figures_in("<p>không ảnh</p>") == set()
