/* thidua: small behaviours the pages declare with data- attributes. No inline handlers anywhere,
   so the Content-Security-Policy can forbid inline scripts (settings.CONTENT_SECURITY_POLICY). */
(function () {
  "use strict";
  // <select data-autosubmit>: choosing a value submits its form (year and status filters).
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.matches && el.matches("[data-autosubmit]") && el.form) el.form.submit();
  });
  // <form data-confirm="…"> or <button data-confirm="…">: ask before going on.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.matches && form.matches("form[data-confirm]") && !window.confirm(form.dataset.confirm)) e.preventDefault();
  });
  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("[data-confirm]:not(form), [data-print]");
    if (!el) return;
    if (el.hasAttribute("data-print")) { e.preventDefault(); window.print(); return; }
    if (!window.confirm(el.dataset.confirm)) e.preventDefault();
  });
})();
