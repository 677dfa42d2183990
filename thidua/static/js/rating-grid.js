/* The year-end grids (ratings, individual registrations). Keyboard: Enter / Shift+Enter move to
   the select of the next / previous row (arrows change the value natively, Tab moves on); a
   failed request shows a Vietnamese error in the row. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    var el = e.target;
    if (e.key !== "Enter" || !el.matches("table.rating-grid select")) return;
    e.preventDefault();
    var all = Array.prototype.slice.call(document.querySelectorAll("table.rating-grid select"));
    var next = all[all.indexOf(el) + (e.shiftKey ? -1 : 1)];
    if (next) next.focus();
  });
  function showFailure(e) {
    var target = e.detail.target;
    if (target) target.innerHTML = '<span class="save-error" role="alert">Chưa lưu: mất kết nối hoặc máy chủ lỗi, hãy chọn lại.</span>';
  }
  document.body.addEventListener("htmx:responseError", showFailure);
  document.body.addEventListener("htmx:sendError", showFailure);
})();
