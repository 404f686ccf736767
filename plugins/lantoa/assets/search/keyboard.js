/* Lan Tỏa search: what a word typed on a keyboard without its Vietnamese input method meant.
 *
 * Telex ("ddong" → đông, "thoor" → thổ, "truowngf" → trường) and VNI ("d9ong2" → đồng) leave
 * their keys in the text when the input method is off. decode(word) replays the keys as the
 * input methods do (a mark may follow later letters: "dongf", "truongwf") and returns the
 * syllable meant, or null when the word uses no such key or does not give a valid Vietnamese
 * syllable ("xe", "loan", "online" stay as they are). Plain script: window.lantoaKeyboard in a
 * page, module.exports under Node (tests/search/test_keyboard_js.py). */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.lantoaKeyboard = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var TELEX_TONES = { s: 1, f: 2, r: 3, x: 4, j: 5 };  // sắc, huyền, hỏi, ngã, nặng
  var VNI_TONES = { "1": 1, "2": 2, "3": 3, "4": 4, "5": 5 };
  var TONE_MARKS = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"];
  var VOWELS = "aăâeêioôơuưy";
  var CIRCUMFLEX = { a: "â", e: "ê", o: "ô" };
  var HORN = { o: "ơ", u: "ư" };

  var INITIALS = ["ngh", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng",
    "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x", ""].sort(function (a, b) {
    return b.length - a.length;  // longest first: "gia" is gi + a, "nghe" ngh + e
  });

  /* Rhymes (vần) without tone: the vowel group and the finals it takes. */
  var OPEN = ("a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua ui uy ưa ưi ưu " +
    "iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyu uê uơ").split(" ");
  var CLOSED = {
    "a": "c ch m n ng nh p t", "ă": "c m n ng p t", "â": "c m n ng p t", "e": "c ch m n ng p t",
    "ê": "ch m n nh p t", "i": "ch m n nh p t", "o": "c m n ng p t", "oo": "c ng", "ô": "c m n ng p t",
    "ơ": "m n p t", "u": "c m n ng p t", "ư": "c m n ng t", "iê": "c m n ng p t", "yê": "m n ng t",
    "oa": "c ch m n ng nh p t", "oă": "c m n ng t", "oe": "n t", "uâ": "n ng t", "uê": "ch nh",
    "uô": "c m n ng t", "ươ": "c m n ng p t", "uy": "ch n nh p t", "uyê": "n t",
  };
  var RHYMES = {};
  OPEN.forEach(function (r) { RHYMES[r] = true; });
  Object.keys(CLOSED).forEach(function (v) {
    CLOSED[v].split(" ").forEach(function (f) { RHYMES[v + f] = true; });
  });
  var STOPS = /(c|ch|p|t)$/;  // a rhyme ending in a stop takes only sắc or nặng

  function isVowel(ch) { return VOWELS.indexOf(ch) >= 0; }

  function lastIndex(letters, test) {
    for (var i = letters.length - 1; i >= 0; i--) if (test(letters[i], i)) return i;
    return -1;
  }

  /* Replays the keys of one lower-case ASCII word. Returns {letters, tone, used} or null. */
  function replay(word, vni) {
    var letters = [];
    var tone = 0;
    var used = false;
    var hasVowel = function () { return lastIndex(letters, isVowel) >= 0; };
    for (var k = 0; k < word.length; k++) {
      var key = word[k];
      var tones = vni ? VNI_TONES : TELEX_TONES;
      if (tones[key] && hasVowel()) {
        if (tone === tones[key]) return null;  // typed twice: the input method undoes the mark
        tone = tones[key]; used = true; continue;
      }
      if ((vni ? key === "0" : key === "z") && hasVowel() && tone) { tone = 0; used = true; continue; }
      if ((vni ? key === "9" : key === "d" && k > 0) && letters[0] === "d") {
        letters[0] = "đ"; used = true; continue;
      }
      var hat = vni ? (key === "6" ? "aeo" : "") : (CIRCUMFLEX[key] ? key : "");
      if (hat) {
        var group = vowelGroup(letters);
        var at = lastIndex(letters, function (ch, i) { return hat.indexOf(ch) >= 0 && i >= group; });
        if (at >= 0) {
          letters[at] = CIRCUMFLEX[letters[at]]; used = true; continue;
        }
        if (vni) return null;
      }
      if (vni ? key === "7" || key === "8" : key === "w") {
        if (hook(letters, vni ? key : "w")) { used = true; continue; }
        if (vni) return null;
        if (lastIndex(letters, isVowel) < 0) { letters.push("ư"); used = true; continue; }  // "nhw" → như
        return null;
      }
      if (!/[a-z]/.test(key)) return null;
      letters.push(key);
    }
    return used ? { letters: letters, tone: tone } : null;
  }

  /* Index of the first letter of the last run of vowels ("nguyen" → 2): marks go there. */
  function vowelGroup(letters) {
    var end = lastIndex(letters, isVowel);
    if (end < 0) return letters.length;
    var start = end;
    while (start > 0 && isVowel(letters[start - 1])) start--;
    return start;
  }

  /* Telex w / VNI 7 (horn: ươ, ơ, ư) and 8 (breve: ă) on the vowels typed so far. */
  function hook(letters, key) {
    var text = letters.join("");
    if (key !== "8") {
      var uo = text.lastIndexOf("uo");
      if (uo >= 0 && !(uo === 1 && letters[0] === "q")) { letters[uo] = "ư"; letters[uo + 1] = "ơ"; return true; }
    }
    var wanted = key === "7" ? "ou" : key === "8" ? "a" : "aou";
    var at = lastIndex(letters, function (ch, i) {
      return wanted.indexOf(ch) >= 0 && !(ch === "u" && i === 1 && letters[0] === "q");
    });
    if (at < 0) return false;
    letters[at] = letters[at] === "a" ? "ă" : HORN[letters[at]];
    return true;
  }

  /* The parts of a syllable without tone, or null: "nghiêng" → {initial: "ngh", rhyme: "iêng"}. */
  function split(syllable) {
    for (var i = 0; i < INITIALS.length; i++) {
      var initial = INITIALS[i];
      if (syllable.indexOf(initial) !== 0) continue;
      var rhyme = syllable.slice(initial.length);
      if (RHYMES[rhyme]) return { initial: initial, rhyme: rhyme };
      if (initial === "gi" && RHYMES["i" + rhyme]) return { initial: "g", rhyme: "i" + rhyme };  // gì
      if (initial === "qu" && RHYMES["u" + rhyme]) return { initial: "q", rhyme: "u" + rhyme };  // quýt
    }
    return null;
  }

  function valid(syllable, tone) {
    var parts = split(syllable);
    if (!parts) return false;
    return !(STOPS.test(parts.rhyme) && tone !== 0 && tone !== 1 && tone !== 5);
  }

  /* Where the tone mark goes (for display): a marked vowel, else by the vowel group. */
  function toneAt(syllable, parts) {
    var start = parts.initial.length;
    var vowels = [];
    for (var i = start; i < syllable.length; i++) if (isVowel(syllable[i])) vowels.push(i);
    if (!vowels.length) return -1;
    var marked = vowels.filter(function (i) { return "ăâêôơư".indexOf(syllable[i]) >= 0; });
    if (marked.length) return marked[marked.length - 1];
    var closed = vowels[vowels.length - 1] < syllable.length - 1;
    if (closed || vowels.length === 1) return vowels[vowels.length - 1];
    return vowels.length === 3 ? vowels[1] : vowels[0];
  }

  function compose(syllable, tone) {
    var parts = split(syllable);
    if (!tone || !parts) return syllable;
    var at = toneAt(syllable, parts);
    if (at < 0) return syllable;
    return (syllable.slice(0, at + 1) + TONE_MARKS[tone] + syllable.slice(at + 1)).normalize("NFC");
  }

  /* The syllable a word typed in Telex or VNI meant, accented ("ddong" → "đông"), or null. */
  function decode(word) {
    var lower = word.toLowerCase();
    if (!/^[a-z0-9]+$/.test(lower) || !/[a-z]/.test(lower)) return null;
    var vni = /[0-9]/.test(lower);
    var played = replay(lower, vni);
    if (!played) return null;
    var syllable = played.letters.join("");
    if (!valid(syllable, played.tone)) return null;
    return compose(syllable, played.tone);
  }

  return { decode: decode, valid: valid, compose: compose };
});
