/* Lan Tỏa search: words of the index close to a word that matches nothing.
 *
 * The index ships its vocabulary (v.json: folded words of four letters or more, most frequent
 * first). A query word that matches no word exactly takes the words it begins (prefix:
 * "livest" → livestream); one of five letters or more that begins none takes the words one
 * edit away: an insertion, a deletion, a substitution or a transposition of two neighbours
 * ("livestrem" → livestream, "nghep" → nghiệp). Plain script: window.lantoaFuzzy in a page,
 * module.exports under Node (tests/search/test_fuzzy_js.py). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.lantoaFuzzy = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var MIN_PREFIX = 3;  // letters typed before a word is completed
  var MIN_TYPO = 5;  // letters of a word before an edit is guessed (shorter words have too many neighbours)
  var LIMIT = 4;  // candidates kept, most frequent first

  /* True when a and b are at most one insertion, deletion, substitution or transposition apart. */
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;  // substitution
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);  // transposition
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);  // deletion, insertion
  }

  function Vocabulary(words) {
    this.words = words;  // most frequent first
  }

  /* Words that begin with `word` (not the word itself), most frequent first. */
  Vocabulary.prototype.completions = function (word) {
    if (word.length < MIN_PREFIX) return [];
    var out = [];
    for (var i = 0; i < this.words.length && out.length < LIMIT; i++) {
      var w = this.words[i];
      if (w.length > word.length && w.lastIndexOf(word, 0) === 0) out.push(w);
    }
    return out;
  };

  /* Words one edit away from `word`, most frequent first. */
  Vocabulary.prototype.corrections = function (word) {
    if (word.length < MIN_TYPO) return [];
    var out = [];
    for (var i = 0; i < this.words.length && out.length < LIMIT; i++) {
      var w = this.words[i];
      if (w !== word && withinOneEdit(word, w)) out.push(w);
    }
    return out;
  };

  return { withinOneEdit: withinOneEdit, Vocabulary: Vocabulary, MIN_TYPO: MIN_TYPO };
});
