/**
 * The editor side of the block `almara-pay-link/payment-form`: its three fields in the sidebar
 * and the server's rendering as the preview. Plain JavaScript on WordPress's globals: no build.
 */
(function (wp) {
  'use strict';
  var el = wp.element.createElement;
  var __ = wp.i18n.__;
  var blockEditor = wp.blockEditor;
  var components = wp.components;
  var ServerSideRender = wp.serverSideRender;

  wp.blocks.registerBlockType('almara-pay-link/payment-form', {
    apiVersion: 2,
    title: __('Almara Pay form', 'almara-pay-link'),
    category: 'widgets',
    icon: 'money-alt',
    attributes: {
      item: { type: 'string', default: '' },
      lang: { type: 'string', default: '' },
      presets: { type: 'string', default: '' },
    },
    edit: function (props) {
      var attributes = props.attributes;
      var set = function (name) {
        return function (value) {
          var change = {};
          change[name] = value;
          props.setAttributes(change);
        };
      };
      return el(
        'div',
        blockEditor.useBlockProps(),
        el(
          blockEditor.InspectorControls,
          null,
          el(
            components.PanelBody,
            { title: __('Payment form', 'almara-pay-link'), initialOpen: true },
            el(components.TextControl, {
              label: __('Item', 'almara-pay-link'),
              help: __(
                'The key of an item of the backend’s catalogue, like kikoi-wrap: its description and price come from there.',
                'almara-pay-link',
              ),
              value: attributes.item,
              onChange: set('item'),
            }),
            el(components.SelectControl, {
              label: __('Language', 'almara-pay-link'),
              value: attributes.lang,
              options: [
                { label: __('The site’s default', 'almara-pay-link'), value: '' },
                { label: 'English', value: 'en' },
                { label: 'Kiswahili', value: 'sw' },
              ],
              onChange: set('lang'),
            }),
            el(components.TextControl, {
              label: __('Preset amounts', 'almara-pay-link'),
              help: __('For an item whose amount the payer chooses: buttons like “500 1000 2500”.', 'almara-pay-link'),
              value: attributes.presets,
              onChange: set('presets'),
            }),
          ),
        ),
        attributes.item
          ? el(ServerSideRender, { block: 'almara-pay-link/payment-form', attributes: attributes })
          : el(
              components.Placeholder,
              {
                icon: 'money-alt',
                label: __('Almara Pay form', 'almara-pay-link'),
                instructions: __('Name an item in the block’s settings (sidebar).', 'almara-pay-link'),
              },
              el(components.TextControl, {
                label: __('Item', 'almara-pay-link'),
                value: attributes.item,
                onChange: set('item'),
              }),
            ),
      );
    },
    save: function () {
      return null;
    },
  });
})(window.wp);
