/*
 * Keycloak SSPR: the live checklist of the new-password page. It marks each rule the browser can check as the person
 * types; the server checks every rule again (and the ones only it can: history, deny list, directory policy).
 */
(function () {
  "use strict";

  function count(text, re) { var m = text.match(re); return m ? m.length : 0; }

  var checks = {
    length: function (p, v) { return p.length >= v; },
    maxLength: function (p, v) { return p.length <= v; },
    digits: function (p, v) { return count(p, /[0-9]/g) >= v; },
    lowerCase: function (p, v) { return count(p, /[a-z]/g) >= v; },
    upperCase: function (p, v) { return count(p, /[A-Z]/g) >= v; },
    specialChars: function (p, v) { return count(p, /[^a-zA-Z0-9]/g) >= v; },
    notUsername: function (p, v, f) { return !f.username || p.toLowerCase() !== f.username.toLowerCase(); },
    notContainsUsername: function (p, v, f) {
      return !f.username || p.toLowerCase().indexOf(f.username.toLowerCase()) < 0;
    },
    notEmail: function (p, v, f) { return !f.email || p.toLowerCase() !== f.email.toLowerCase(); }
  };

  function start() {
    var form = document.getElementById("sspr-password-form");
    var input = document.getElementById("password-new");
    if (!form || !input) { return; }
    var facts = { username: form.getAttribute("data-username") || "", email: form.getAttribute("data-email") || "" };
    var rules = document.querySelectorAll(".sspr-rule[data-live='true']");
    function update() {
      var password = input.value;
      for (var i = 0; i < rules.length; i++) {
        var rule = rules[i];
        var check = checks[rule.getAttribute("data-rule")];
        if (!check) { continue; }
        var value = parseInt(rule.getAttribute("data-value"), 10);
        var met = password.length > 0 && check(password, isNaN(value) ? 0 : value, facts);
        // Before typing, keep the server's mark of a rule the refused password broke (the page's error points here).
        var unmet = password.length > 0 ? !met : rule.getAttribute("data-broken") === "true";
        rule.classList.toggle("sspr-rule--met", met);
        rule.classList.toggle("sspr-rule--unmet", unmet);
        var state = rule.querySelector(".sspr-rule__state");
        if (state) { state.textContent = met || unmet ? state.getAttribute(met ? "data-met" : "data-unmet") : ""; }
      }
    }
    input.addEventListener("input", update);
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
