// A native 5-point rating row with an optional 不适用 choice. Native so that tapping through a long
// questionnaire updates only this component's view in WeChat, not the whole React page.
const DEFAULT_LABELS = ['非常不满意', '不满意', '一般', '满意', '非常满意']

Component({
  options: { addGlobalClass: true },
  properties: {
    // 1–5 chosen, 0 不适用, -1 not answered yet
    value: { type: Number, value: -1 },
    // Offers 不适用. One lowercase word: WXML spells a camelCase property with hyphens, Taro does not.
    na: { type: Boolean, value: false },
    labels: { type: Array, value: DEFAULT_LABELS },
  },
  data: { choices: [] },
  lifetimes: {
    attached() {
      this.showChoices()
    },
  },
  observers: {
    'labels, na': function () {
      this.showChoices()
    },
  },
  methods: {
    showChoices() {
      const scale = this.data.labels.map((label, i) => ({ value: i + 1, label }))
      this.setData({ choices: this.data.na ? scale.concat([{ value: 0, label: '不适用' }]) : scale })
    },
    choose(event) {
      const value = Number(event.currentTarget.dataset.value)
      if (value === this.data.value) return
      this.setData({ value })
      this.triggerEvent('change', { value: value === 0 ? null : value })
    },
  },
})
