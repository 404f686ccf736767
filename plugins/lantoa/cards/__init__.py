"""Social cards: the 1200×630 JPEG a shared link previews with on Facebook and Zalo.

`job` names and draws a build's cards; `draw` composes one card from its `layout` (the text), its
`photo` and its pattern, and `jpeg` encodes it. `model` holds what a card shows and is.
"""
