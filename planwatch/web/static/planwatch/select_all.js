// A "select all" check box (data-select-all="<name>") ticks or clears every check box of that name.
document.querySelectorAll("input[data-select-all]").forEach(function (all) {
  var boxes = function () {
    return document.querySelectorAll('input[type=checkbox][name="' + all.dataset.selectAll + '"]');
  };
  var sync = function () {
    var list = Array.prototype.slice.call(boxes());
    all.checked = list.length > 0 && list.every(function (b) { return b.checked; });
  };
  all.addEventListener("change", function () {
    boxes().forEach(function (b) { b.checked = all.checked; });
  });
  boxes().forEach(function (b) { b.addEventListener("change", sync); });
  sync();
});
